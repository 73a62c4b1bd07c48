package ink.ml.deploy.mcp.tools;

/**
 * How to push to an internal repository: a remote and a token scoped to that one repository that
 * expires. Use the token as the HTTPS password (any user name), or push to {@code
 * authenticatedRemoteUrl} directly.
 *
 * @param remoteUrl the remote without credentials
 * @param authenticatedRemoteUrl the remote with the token in it: {@code git push <it> main}
 * @param username any user name works; this one is conventional
 * @param token the push token, shown only this once
 * @param tokenId what revoking the token takes
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
