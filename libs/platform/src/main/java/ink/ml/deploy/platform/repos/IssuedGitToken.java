package ink.ml.deploy.platform.repos;

import java.time.Instant;

/**
 * A push token just issued, with its secret and the remote to push to: the only time the secret
 * exists outside the client. {@code id} is what {@link InternalRepos#revokeToken} takes. The secret
 * is left out of {@link #toString()} so that no log line can carry it.
 *
 * @param username the user name of {@code authenticatedRemoteUrl} ({@link GitRemote#USERNAME})
 */
public record IssuedGitToken(
        String id,
        String secret,
        String repoId,
        Instant expiresAt,
        String remoteUrl,
        String authenticatedRemoteUrl,
        String username) {
    static IssuedGitToken of(GitToken token, String secret, GitRemote remote) {
        return new IssuedGitToken(
                token.id.toString(),
                secret,
                token.repoId.toString(),
                token.expiresAt,
                remote.toString(),
                remote.authenticated(secret),
                GitRemote.USERNAME);
    }

    @Override
    public String toString() {
        return "IssuedGitToken[id="
                + id
                + ", repoId="
                + repoId
                + ", remoteUrl="
                + remoteUrl
                + ", expiresAt="
                + expiresAt
                + "]";
    }
}
