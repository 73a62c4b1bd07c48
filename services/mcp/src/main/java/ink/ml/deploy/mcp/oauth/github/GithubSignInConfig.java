package ink.ml.deploy.mcp.oauth.github;

import ink.ml.deploy.auth.github.GithubSignInSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub sign-in on the MCP authorization pages, for a user with no platform session yet: the OAuth
 * client ({@link GithubSignInSettings}) and where GitHub returns. Without client id and secret only
 * users with an existing session can approve clients.
 */
@ConfigMapping(prefix = "mcpdeploy.mcp.github")
public interface GithubSignInConfig extends GithubSignInSettings {
    /**
     * Where GitHub sends the browser back; default: the public URL + {@code
     * /oauth/github/callback}. It must be registered with the GitHub App.
     */
    Optional<URI> callbackUrl();

    /** How long a started sign-in may take before the browser comes back. */
    @WithDefault("PT10M")
    Duration signInTimeout();
}
