package ink.ml.deploy.graphql.auth.github;

import ink.ml.deploy.auth.github.GithubSignInSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub sign-in of the dashboard: the OAuth client ({@link GithubSignInSettings}: client id and
 * secret from the environment, GitHub's URLs) and what the dashboard adds. Without the client id
 * and secret {@code /auth/github/login} answers 503.
 */
@ConfigMapping(prefix = "mcpdeploy.github.oauth")
public interface GithubOAuthConfig extends GithubSignInSettings {
    /**
     * Where GitHub sends the browser back: this service's {@code /auth/github/callback} as the
     * browser reaches it. When absent, GitHub uses the callback URL registered for the app.
     */
    Optional<URI> callbackUrl();

    /**
     * After a successful callback, the browser is redirected here with the session in the URL
     * fragment ({@code #token=…&expires_at=…}), which never reaches a server log. When absent, the
     * callback answers JSON {@code {token, expiresAt, userId}} instead.
     */
    Optional<URI> dashboardUrl();

    /** How long a started sign-in may take before the callback refuses it. */
    @WithDefault("PT10M")
    Duration loginTimeout();
}
