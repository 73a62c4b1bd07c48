package ink.ml.deploy.platform.apikeys;

import java.time.Instant;

/**
 * A key just created, with its secret: the only time the secret exists outside the client. The
 * secret is left out of {@link #toString()} so that no log line can carry it.
 */
public record CreatedApiKey(
        String id, String name, String secret, String prefix, Instant createdAt) {
    @Override
    public String toString() {
        return "CreatedApiKey[id="
                + id
                + ", name="
                + name
                + ", prefix="
                + prefix
                + ", createdAt="
                + createdAt
                + "]";
    }
}
