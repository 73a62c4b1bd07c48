package ink.ml.deploy.deployer.worker.run.kubernetes;

import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceNames;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Platform pods in the states the kubelet reports, for the runtime monitor's tests. */
final class RuntimePods {
    private RuntimePods() {}

    static Pod pod(String namespace, String name, String deploymentId, ContainerStatus app) {
        // spotless:off
        return new PodBuilder()
                .withNewMetadata()
                    .withNamespace(namespace)
                    .withName(name)
                    .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.SERVICE, "web"))
                    .withAnnotations(Map.of(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION, deploymentId))
                .endMetadata()
                .withNewSpec()
                    .addNewContainer()
                        .withName(ServiceNames.CONTAINER)
                        .withImage("registry.internal:5000/dp-u-p/web:abc")
                        .withNewResources()
                            .withLimits(Map.of("memory", new Quantity("512Mi")))
                        .endResources()
                    .endContainer()
                .endSpec()
                .withNewStatus()
                    .withPhase("Running")
                    .withContainerStatuses(app)
                .endStatus()
                .build();
        // spotless:on
    }

    static Pod pod(String deploymentId, ContainerStatus app) {
        return pod("dp-u-p", "web-1", deploymentId, app);
    }

    static ContainerStatus running(int restarts) {
        // spotless:off
        return app(restarts, true)
                .withNewState()
                    .withNewRunning().withStartedAt("2026-12-06T10:00:00Z").endRunning()
                .endState()
                .build();
        // spotless:on
    }

    static ContainerStatus startingAfterExit(int restarts, int exitCode, String reason) {
        // spotless:off
        return app(restarts, false)
                .withNewState()
                    .withNewRunning().withStartedAt("2026-12-06T10:00:00Z").endRunning()
                .endState()
                .withNewLastState()
                    .withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated()
                .endLastState()
                .build();
        // spotless:on
    }

    static ContainerStatus readyAfterExit(int restarts, int exitCode, String reason) {
        // spotless:off
        return app(restarts, true)
                .withNewState()
                    .withNewRunning().withStartedAt("2026-12-06T10:00:00Z").endRunning()
                .endState()
                .withNewLastState()
                    .withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated()
                .endLastState()
                .build();
        // spotless:on
    }

    static ContainerStatus crashLoop(int restarts, int exitCode, String reason) {
        // spotless:off
        return app(restarts, false)
                .withNewState()
                    .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 40s restarting failed container")
                    .endWaiting()
                .endState()
                .withNewLastState()
                    .withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated()
                .endLastState()
                .build();
        // spotless:on
    }

    static ContainerStatus starting() {
        // spotless:off
        return app(0, false)
                .withNewState()
                    .withNewWaiting().withReason("ContainerCreating").endWaiting()
                .endState()
                .build();
        // spotless:on
    }

    private static ContainerStatusBuilder app(int restarts, boolean ready) {
        return new ContainerStatusBuilder()
                .withName(ServiceNames.CONTAINER)
                .withImage("registry.internal:5000/dp-u-p/web:abc")
                .withRestartCount(restarts)
                .withReady(ready);
    }
}
