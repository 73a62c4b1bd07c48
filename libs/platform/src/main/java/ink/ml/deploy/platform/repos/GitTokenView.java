package ink.ml.deploy.platform.repos;

import java.time.Instant;
import java.util.Optional;

/**
 * What the APIs show of an issued push token (never the token itself).
 *
 * @param id what revoking takes
 * @param prefix {@code dpg_} + 8 hex: the start of the token's payload id, to tell tokens apart
 * @param revokedAt when it was revoked; empty while it works
 */
public record GitTokenView(
        String id,
        String repoId,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> revokedAt) {
    static GitTokenView of(GitToken token) {
        return new GitTokenView(
                token.id.toString(),
                token.repoId.toString(),
                token.prefix,
                token.createdAt,
                token.expiresAt,
                Optional.ofNullable(token.revokedAt));
    }
}
