package ink.ml.deploy.graphql.auth.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub sign-in (OAuth web flow with PKCE) of the dashboard. The client id and secret are those of
 * the GitHub App (or OAuth App) and come from the environment; without them {@code
 * /auth/github/login} answers 503. The URLs default to github.com; tests point them at WireMock.
 */
@ConfigMapping(prefix = "mcpdeploy.github.oauth")
public interface GithubOAuthConfig {
    /** The OAuth client id; sign-in is off when absent. */
    Optional<String> clientId();

    /** The OAuth client secret; sign-in is off when absent. */
    Optional<String> clientSecret();

    /**
     * Where GitHub sends the browser back: this service's {@code /auth/github/callback} as the
     * browser reaches it. When absent, GitHub uses the callback URL registered for the app.
     */
    Optional<URI> callbackUrl();

    /** Scopes asked for: the profile and the email addresses. */
    @WithDefault("read:user user:email")
    String scope();

    /** GitHub's authorize page (a browser step). */
    @WithDefault("https://github.com/login/oauth/authorize")
    URI authorizeUrl();

    /** GitHub's code-for-token exchange. */
    @WithDefault("https://github.com/login/oauth/access_token")
    URI tokenUrl();

    /** GitHub's REST API root ({@code /user}, {@code /user/emails}). */
    @WithDefault("https://api.github.com")
    URI apiUrl();

    /**
     * After a successful callback, the browser is redirected here with the session in the URL
     * fragment ({@code #token=…&expires_at=…}), which never reaches a server log. When absent, the
     * callback answers JSON {@code {token, expiresAt, userId}} instead.
     */
    Optional<URI> dashboardUrl();

    /** How long a started sign-in may take before the callback refuses it. */
    @WithDefault("PT10M")
    Duration loginTimeout();

    /** Timeout of each call to GitHub. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    default boolean enabled() {
        return clientId().filter(id -> !id.isBlank()).isPresent()
                && clientSecret().filter(secret -> !secret.isBlank()).isPresent();
    }
}
