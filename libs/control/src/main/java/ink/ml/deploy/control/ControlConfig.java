package ink.ml.deploy.control;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the APIs wait on Temporal for a deployment request. */
@ConfigMapping(prefix = "mcpdeploy.control")
public interface ControlConfig {
    /**
     * How long a request waits for its control workflow's answer. Starting a deployment first waits
     * for the service's in-flight one to stop, so this is tens of seconds, not milliseconds; past
     * it the caller hears that the request is still running. A cancellation does not wait for the
     * stop and answers within a second.
     */
    @WithDefault("60s")
    Duration awaitTimeout();

    /**
     * The control workflow's execution timeout: a request that no worker picked up by then ends
     * without effect, instead of deploying long after the person who asked has moved on.
     */
    @WithDefault("10m")
    Duration workflowTimeout();
}
