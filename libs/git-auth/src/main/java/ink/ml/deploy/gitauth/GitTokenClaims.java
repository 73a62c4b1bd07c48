package ink.ml.deploy.gitauth;

import java.time.Instant;

/**
 * What a git token says, once its signature has been checked.
 *
 * @param keyId the id of the key that signed it
 * @param repoPath the one repository it is for, e.g. {@code alice/shop/web}
 * @param access what it allows there
 * @param expiresAt when it stops working (second precision)
 * @param nonce 32 random hex characters: makes every token unique and names its audit row
 */
public record GitTokenClaims(
        String keyId, String repoPath, GitAccess access, Instant expiresAt, String nonce) {}
