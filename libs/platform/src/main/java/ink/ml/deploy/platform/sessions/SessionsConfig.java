package ink.ml.deploy.platform.sessions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Dashboard sessions issued after a sign-in. */
@ConfigMapping(prefix = "mcpdeploy.sessions")
public interface SessionsConfig {
    /**
     * How long a session token is valid after sign-in. Fixed at issue: using a session does not
     * extend it, so a stolen token stops working on its own.
     */
    @WithDefault("P14D")
    Duration ttl();
}
