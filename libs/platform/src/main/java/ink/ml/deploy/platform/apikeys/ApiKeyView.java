package ink.ml.deploy.platform.apikeys;

import java.time.Instant;
import java.util.Optional;

/**
 * What the APIs show of an existing key: never the secret or its hash, only the prefix that lets a
 * person tell their keys apart.
 */
public record ApiKeyView(
        String id,
        String name,
        String prefix,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {
    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(
                key.id.toString(),
                key.name,
                key.prefix,
                key.createdAt,
                Optional.ofNullable(key.lastUsedAt),
                Optional.ofNullable(key.revokedAt));
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
