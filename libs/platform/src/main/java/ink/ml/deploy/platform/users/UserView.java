package ink.ml.deploy.platform.users;

import java.time.Instant;

/** What the APIs show of a user. */
public record UserView(String id, String displayName, String email, Instant createdAt) {
    static UserView of(User user) {
        return new UserView(user.id, user.displayName, user.email, user.createdAt);
    }
}
