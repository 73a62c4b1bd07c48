package ink.ml.deploy.worker.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the worker runs deployments. */
@ConfigMapping(prefix = "mcpdeploy.deploy")
public interface DeployConfig {
    /**
     * How long a new deployment (or a deletion) waits for the service's in-flight deployment to
     * stop after cancelling it, before terminating its workflow. A cancelled build stops within its
     * next output flush (a second); this is for a run that is stuck.
     */
    @WithDefault("30s")
    Duration cancellationWait();

    /** How often the database is asked whether a cancelled deployment has stopped. */
    @WithDefault("200ms")
    Duration cancellationPoll();
}
