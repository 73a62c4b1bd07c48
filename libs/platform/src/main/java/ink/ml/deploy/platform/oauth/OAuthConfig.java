package ink.ml.deploy.platform.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lifetimes of what the MCP authorization server issues. */
@ConfigMapping(prefix = "mcpdeploy.oauth")
public interface OAuthConfig {
    /**
     * How long an authorization code can be exchanged. Short: the client exchanges it the moment
     * the browser lands on its redirect URI.
     */
    @WithDefault("PT2M")
    Duration codeTtl();

    /** How long an access token works; clients refresh it, so a leaked one dies soon. */
    @WithDefault("PT1H")
    Duration accessTokenTtl();

    /** How long a refresh token can be exchanged; each exchange rotates it and restarts this. */
    @WithDefault("P30D")
    Duration refreshTokenTtl();
}
