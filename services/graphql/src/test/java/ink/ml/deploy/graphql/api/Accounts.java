package ink.ml.deploy.graphql.api;

import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.users.Users;
import jakarta.enterprise.context.ApplicationScoped;

/** Registers users for tests, each with an API key to send as bearer. */
@ApplicationScoped
public class Accounts {
    /** A registered user and the secret of one of their API keys. */
    public record Account(Caller caller, String bearer) {
        public String id() {
            return caller.id();
        }
    }

    private final Users users;
    private final ApiKeys apiKeys;

    public Accounts(Users users, ApiKeys apiKeys) {
        this.users = users;
        this.apiKeys = apiKeys;
    }

    public Account register() {
        Caller caller = Caller.of(users.register("Test User", null).id());
        return new Account(caller, apiKeys.create(caller, "tests").secret());
    }
}
