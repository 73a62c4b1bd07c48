package ink.ml.deploy.workflow.git;

import java.time.Instant;
import java.util.Objects;

/**
 * A git token to refuse from now on.
 *
 * @param tokenId the id inside the token (libs/git-auth {@code GitTokenClaims.id()}): 32 hex
 * @param expiresAt the token's own expiry: after it the git-server refuses the token anyway, so the
 *     revocation is kept until then and no longer
 * @param gitServerRegion the region whose git-server hosts the token's repository; its queue is
 *     {@code git-server-{region}}
 */
public record RevokeGitTokenRequest(String tokenId, Instant expiresAt, String gitServerRegion) {
    public RevokeGitTokenRequest {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(gitServerRegion, "gitServerRegion");
    }
}
