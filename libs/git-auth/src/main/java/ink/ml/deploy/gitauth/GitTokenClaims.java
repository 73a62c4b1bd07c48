package ink.ml.deploy.gitauth;

import java.time.Instant;

/**
 * What a git token says, once its signature has been checked.
 *
 * @param keyId the id of the key that signed it
 * @param repoPath the one repository it is for, e.g. {@code alice/shop/web}
 * @param access what it allows there
 * @param expiresAt when it stops working (second precision)
 * @param id the token's id: 32 random hex characters, unique per token. It names the product
 *     plane's audit row of a push token and what a revocation lists ({@link GitTokenRevocations})
 */
public record GitTokenClaims(
        String keyId, String repoPath, GitAccess access, Instant expiresAt, String id) {}
