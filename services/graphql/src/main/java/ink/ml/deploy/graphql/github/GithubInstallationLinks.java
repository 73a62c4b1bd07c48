package ink.ml.deploy.graphql.github;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.github.GithubAccountView;
import ink.ml.deploy.platform.github.GithubAccounts;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Links a GitHub App installation to the signed-in user after GitHub redirects them back from
 * installing the App. The installation id arrives in a URL anyone can forge, so it is linked only
 * when GitHub confirms, with the user's own OAuth token, that the user can access it.
 */
@ApplicationScoped
public class GithubInstallationLinks {
    private final GithubAccounts githubAccounts;
    private final GithubInstallationsClient installations;

    public GithubInstallationLinks(
            GithubAccounts githubAccounts, GithubInstallationsClient installations) {
        this.githubAccounts = githubAccounts;
        this.installations = installations;
    }

    /**
     * @throws GithubApiException when the caller has no GitHub link, GitHub refuses the token, or
     *     the installation is not the caller's
     */
    public GithubAccountView link(Caller caller, long installationId) {
        if (installationId <= 0) {
            throw new InvalidValueException(
                    "installation_id", "must be a positive GitHub installation id");
        }
        GithubAccountView account =
                githubAccounts.find(caller).orElseThrow(GithubInstallationLinks::notSignedIn);
        String token =
                githubAccounts
                        .oauthToken(caller.userId())
                        .orElseThrow(GithubInstallationLinks::notSignedIn);
        if (!installations.canAccess(token, installationId)) {
            throw new GithubApiException(
                    404,
                    "installation "
                            + installationId
                            + " is not one your GitHub account "
                            + account.login()
                            + " can access");
        }
        githubAccounts.setInstallation(account.githubUserId(), installationId);
        return githubAccounts.find(caller).orElseThrow(GithubInstallationLinks::notSignedIn);
    }

    private static GithubApiException notSignedIn() {
        return new GithubApiException(
                409,
                "sign in with GitHub first: the installation is linked to your GitHub account");
    }
}
