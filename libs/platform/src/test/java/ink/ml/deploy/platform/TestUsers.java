package ink.ml.deploy.platform;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.users.Users;
import jakarta.enterprise.context.ApplicationScoped;

/** Registers fresh users, so tests never share state through a user. */
@ApplicationScoped
public class TestUsers {
    private final Users users;

    public TestUsers(Users users) {
        this.users = users;
    }

    public Caller newCaller() {
        return Caller.of(users.register("Test User", "test@example.com").id());
    }
}
