package ink.ml.deploy.deployer.worker.run.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the Kubernetes target watches live deployments for crashes ({@link
 * KubernetesRuntimeMonitor}). It runs only when the cluster's {@code execution-target} is {@code
 * kubernetes}, the default.
 */
@ConfigMapping(prefix = "mcpdeploy.kubernetes-runtime")
public interface KubernetesRuntimeConfig {

    /**
     * Pause between two looks at the platform's pods. A crash loop's first back-off is 10 s, so a
     * crash shows within about two looks; each look is one list call to the API server.
     */
    @WithDefault("10s")
    Duration pollInterval();

    /**
     * How often a deployment that has crashed since this worker started is reported again while its
     * state stays the same. Reports are idempotent; this heals one the product plane dropped or
     * received out of order (the worker was down, the deployment was still deploying).
     */
    @WithDefault("5m")
    Duration reaffirmInterval();
}
