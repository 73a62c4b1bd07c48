package ink.ml.deploy.workflow.git;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the git-server's revocation list.
 *
 * @param tokenId the id inside the token, 32 hex
 * @param expiresAt the token's own expiry: the entry is dropped after it
 */
public record RevokedGitToken(String tokenId, Instant expiresAt) {
    public RevokedGitToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
