package ink.ml.deploy.mcp.oauth.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.auth.github.GithubWebSignIn;
import ink.ml.deploy.auth.github.PendingSignInCookie;
import ink.ml.deploy.auth.github.SignInCookieSpec;
import ink.ml.deploy.mcp.oauth.OAuthUrls;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.sessions.GithubSignIn;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;

/**
 * GitHub sign-in in the middle of an MCP authorization ({@link GithubWebSignIn}): the browser
 * leaves {@code /oauth/authorize} for GitHub, comes back at {@value #CALLBACK_PATH}, and returns to
 * the authorization request the sealed cookie carried.
 */
public class GithubSignInProducer {
    public static final String CALLBACK_PATH = "/oauth/github/callback";

    /** The cookie that binds a started sign-in to the browser; sent only to the callback. */
    public static final String COOKIE = "mcpdeploy_github_sign_in";

    @Produces
    @Singleton
    GithubWebSignIn githubWebSignIn(
            GithubSignInConfig config,
            OAuthUrls urls,
            SecretBox box,
            ObjectMapper json,
            GithubSignIn signIn) {
        URI callback =
                config.callbackUrl().orElseGet(() -> URI.create(urls.endpoint(CALLBACK_PATH)));
        return new GithubWebSignIn(
                config,
                Optional.of(callback),
                config.signInTimeout(),
                new PendingSignInCookie(
                        box,
                        json,
                        new SignInCookieSpec(
                                COOKIE,
                                "/oauth/github",
                                "mcp/github-sign-in-cookie",
                                urls.isHttps())),
                signIn,
                json,
                "start the authorization again from your MCP client");
    }
}
