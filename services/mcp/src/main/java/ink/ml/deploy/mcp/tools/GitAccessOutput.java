package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.IssuedGitToken;

/**
 * How to push to an internal repository: a remote and a token scoped to that one repository that
 * expires. Use the token as the HTTPS password (any user name), or push to {@code
 * authenticatedRemoteUrl} directly.
 *
 * @param remoteUrl the remote without credentials
 * @param authenticatedRemoteUrl the remote with the token in it: {@code git push <it> main}
 * @param username any user name works; this one is conventional
 * @param token the push token, shown only this once
 * @param tokenId what revoke_git_token takes
 */
public record GitAccessOutput(
        String repoId,
        String repoName,
        String projectId,
        String remoteUrl,
        String authenticatedRemoteUrl,
        String username,
        String token,
        String tokenId,
        String expiresAt,
        String next) {

    static GitAccessOutput of(InternalRepoView repo, IssuedGitToken token) {
        return new GitAccessOutput(
                repo.id(),
                repo.name(),
                repo.projectId(),
                token.remoteUrl(),
                token.authenticatedRemoteUrl(),
                token.username(),
                token.secret(),
                token.id(),
                token.expiresAt().toString(),
                "Push with: git push <authenticatedRemoteUrl> HEAD:main (the token expires at "
                        + token.expiresAt()
                        + "; get_git_token gives a new one, revoke_git_token with tokenId cuts"
                        + " this one off). Then create_service with repo "
                        + repo.name()
                        + " deploys it.");
    }

    /** Leaves the token out, so no log line can carry it. */
    @Override
    public String toString() {
        return "GitAccessOutput[repoId="
                + repoId
                + ", remoteUrl="
                + remoteUrl
                + ", expiresAt="
                + expiresAt
                + "]";
    }
}
