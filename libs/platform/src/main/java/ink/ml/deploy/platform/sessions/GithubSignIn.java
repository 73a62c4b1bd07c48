package ink.ml.deploy.platform.sessions;

import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.users.Registration;
import ink.ml.deploy.platform.users.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Signs a GitHub account in: the linked platform user, or on a first sign-in a new user with their
 * default project; the GitHub token is stored sealed; a new session is issued. One transaction, so
 * a failure leaves no user without a GitHub link and no link without a user.
 */
@ApplicationScoped
public class GithubSignIn {
    private final Users users;
    private final GithubAccounts githubAccounts;
    private final Sessions sessions;

    public GithubSignIn(Users users, GithubAccounts githubAccounts, Sessions sessions) {
        this.users = users;
        this.githubAccounts = githubAccounts;
        this.sessions = sessions;
    }

    @Transactional
    public IssuedSession signIn(GithubIdentity identity, String oauthToken) {
        UserId userId =
                githubAccounts
                        .findUserByGithubId(identity.githubUserId())
                        .orElseGet(
                                () ->
                                        UserId.of(
                                                users.register(
                                                                Registration.fromGithub(
                                                                        identity.login(),
                                                                        identity.name(),
                                                                        identity.email()))
                                                        .id()));
        githubAccounts.link(userId, identity.githubUserId(), identity.login(), oauthToken);
        return sessions.issue(userId);
    }
}
