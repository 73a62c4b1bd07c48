package ink.ml.deploy.platform.repos;

import java.time.Instant;

/**
 * What the git-server must be told so that it refuses one token: its id, until its expiry, at the
 * git-server of {@code gitServerRegion}. Published through Temporal (libs/control {@code
 * GitTokenRevocations}).
 *
 * @param tokenId the id inside the token, 32 hex
 */
public record GitTokenRevocation(
        String id, String tokenId, Instant expiresAt, String gitServerRegion) {}
