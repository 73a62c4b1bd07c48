package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.platform.repos.GitTokenView;

/**
 * A push token issued for a repository, without its secret.
 *
 * @param tokenId what revoke_git_token takes
 * @param prefix {@code dpg_} and 8 hex: the start of the token's id, to tell tokens apart
 * @param revokedAt when it was revoked; absent while it works
 */
public record GitTokenOutput(
        String tokenId,
        String repoId,
        String prefix,
        String createdAt,
        String expiresAt,
        String revokedAt) {
    static GitTokenOutput of(GitTokenView view) {
        return new GitTokenOutput(
                view.id(),
                view.repoId(),
                view.prefix(),
                view.createdAt().toString(),
                view.expiresAt().toString(),
                view.revokedAt().map(Object::toString).orElse(null));
    }
}
