package ink.ml.deploy.graphql.auth.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.auth.github.GithubWebSignIn;
import ink.ml.deploy.auth.github.PendingSignInCookie;
import ink.ml.deploy.auth.github.SignInCookieSpec;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.sessions.GithubSignIn;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The dashboard's GitHub sign-in, from {@link GithubOAuthConfig}. */
class GithubWebFlowProducer {
    /** The cookie that binds a started sign-in to the browser; sent only to the callback. */
    static final SignInCookieSpec COOKIE =
            new SignInCookieSpec(
                    GithubLoginResource.COOKIE,
                    "/auth/github",
                    "graphql/github-login-cookie",
                    true);

    @Produces
    @Singleton
    GithubWebSignIn githubWebSignIn(
            GithubOAuthConfig config, SecretBox box, ObjectMapper json, GithubSignIn signIn) {
        return new GithubWebSignIn(
                config,
                config.callbackUrl(),
                config.loginTimeout(),
                new PendingSignInCookie(box, json, COOKIE),
                signIn,
                json,
                "start again at /auth/github/login");
    }
}
