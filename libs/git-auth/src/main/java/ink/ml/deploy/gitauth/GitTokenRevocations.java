package ink.ml.deploy.gitauth;

/**
 * Which tokens have been revoked before their expiry, by token id ({@link GitTokenClaims#id()}).
 * The git-server keeps this list on its own disk, fed by the product plane through Temporal, so
 * that revocation needs no database at the git-server. Must be thread-safe and fast: it is asked on
 * every request that carries a genuine token.
 */
@FunctionalInterface
public interface GitTokenRevocations {
    /** Nothing revoked: for a side that only mints tokens, and for tests. */
    GitTokenRevocations NONE = tokenId -> false;

    boolean isRevoked(String tokenId);
}
