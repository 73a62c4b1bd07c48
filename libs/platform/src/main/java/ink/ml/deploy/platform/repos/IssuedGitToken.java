package ink.ml.deploy.platform.repos;

import java.time.Instant;

/**
 * A push token just issued, with its secret: the only time the secret exists outside the client.
 * {@code id} is what {@link InternalRepos#revokeToken} takes. The secret is left out of {@link
 * #toString()} so that no log line can carry it.
 */
public record IssuedGitToken(String id, String secret, String repoId, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedGitToken[id=" + id + ", repoId=" + repoId + ", expiresAt=" + expiresAt + "]";
    }
}
