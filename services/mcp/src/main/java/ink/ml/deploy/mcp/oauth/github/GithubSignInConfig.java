package ink.ml.deploy.mcp.oauth.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub sign-in on the MCP authorization pages (OAuth web flow with PKCE), for a user with no
 * platform session yet. Client id and secret are the GitHub App's (or OAuth App's), from the
 * environment; without them only users with an existing session can approve clients. URLs default
 * to github.com; tests point them at WireMock.
 */
@ConfigMapping(prefix = "mcpdeploy.mcp.github")
public interface GithubSignInConfig {
    /** The OAuth client id; GitHub sign-in is off when absent. */
    Optional<String> clientId();

    /** The OAuth client secret; GitHub sign-in is off when absent. */
    Optional<String> clientSecret();

    /**
     * Where GitHub sends the browser back; default: the public URL + {@code
     * /oauth/github/callback}. It must be registered with the GitHub App.
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

    /** Timeout of each call to GitHub. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** How long a started sign-in may take before the browser comes back. */
    @WithDefault("PT10M")
    Duration signInTimeout();

    default boolean enabled() {
        return clientId().filter(id -> !id.isBlank()).isPresent()
                && clientSecret().filter(secret -> !secret.isBlank()).isPresent();
    }
}
