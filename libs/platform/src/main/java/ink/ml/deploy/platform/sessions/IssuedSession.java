package ink.ml.deploy.platform.sessions;

import java.time.Instant;

/**
 * A session just issued, with its bearer token: the only time the token exists outside the client.
 * The token is left out of {@link #toString()} so that no log line can carry it.
 */
public record IssuedSession(String id, String userId, String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedSession[id=" + id + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
