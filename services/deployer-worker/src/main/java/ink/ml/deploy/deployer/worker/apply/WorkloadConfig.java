package ink.ml.deploy.deployer.worker.apply;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How workloads are written to the Kubernetes API and how long a rollout may take. */
@ConfigMapping(prefix = "mcpdeploy.workload")
public interface WorkloadConfig {

    /**
     * {@code server-side} (production): server-side apply with a fixed field manager. {@code
     * create-or-update}: create, else replace; for API servers without server-side apply, i.e. the
     * fabric8 mock API server the tests run against.
     */
    @WithDefault("server-side")
    ApplyMode applyMode();

    /**
     * Longest wait for a rollout. A little past the Deployment's progress deadline (5 minutes), so
     * that the API server's own verdict, which names the cause, normally comes first.
     */
    @WithDefault("6m")
    Duration rolloutTimeout();

    /** Pause between two looks at the Deployment and its pods; each look heartbeats. */
    @WithDefault("2s")
    Duration rolloutPollInterval();

    enum ApplyMode {
        SERVER_SIDE,
        CREATE_OR_UPDATE
    }
}
