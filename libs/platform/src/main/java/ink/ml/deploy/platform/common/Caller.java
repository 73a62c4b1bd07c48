package ink.ml.deploy.platform.common;

import ink.ml.deploy.domain.UserId;
import java.util.Objects;

/**
 * Who is asking. Every application service method takes it explicitly, so no method can forget to
 * scope its query to the caller's own projects.
 */
public record Caller(UserId userId) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
    }

    public static Caller of(String userId) {
        return new Caller(UserId.of(userId));
    }

    public String id() {
        return userId.value();
    }
}
