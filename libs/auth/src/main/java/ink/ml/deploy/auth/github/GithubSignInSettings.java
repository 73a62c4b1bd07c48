package ink.ml.deploy.auth.github;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A GitHub OAuth client (the GitHub App's or an OAuth App's) as the web sign-in needs it. Each
 * front door maps it under its own prefix by extending this interface with {@code @ConfigMapping}.
 * The client id and secret come from the environment; without them sign-in is off. The URLs default
 * to github.com; tests point them at a stand-in.
 */
public interface GithubSignInSettings {
    /** The OAuth client id; sign-in is off when absent. */
    Optional<String> clientId();

    /** The OAuth client secret; sign-in is off when absent. */
    Optional<String> clientSecret();

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

    default boolean enabled() {
        return clientId().filter(id -> !id.isBlank()).isPresent()
                && clientSecret().filter(secret -> !secret.isBlank()).isPresent();
    }
}
