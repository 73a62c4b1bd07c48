package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.k8s.ServiceNames;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where one deployment's rollout stands, read from its Deployment and the service's pods: ready,
 * still going, or failed for a reason the user can act on. Pure: no client, no clock.
 *
 * @param verdict ready, waiting or failed
 * @param reason for {@code FAILED}, what the user reads; otherwise a short progress summary
 * @param readyReplicas available replicas of this deployment's pod template
 */
public record RolloutDiagnosis(Verdict verdict, String reason, int readyReplicas) {

    public enum Verdict {
        READY,
        WAITING,
        FAILED
    }

    private static final Set<String> IMAGE_PULL_ERRORS =
            Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");
    private static final Set<String> CONFIG_ERRORS =
            Set.of("CreateContainerConfigError", "CreateContainerError");
    private static final String CRASH_LOOP = "CrashLoopBackOff";
    private static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    public RolloutDiagnosis {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param expected the deployment being rolled out; only pods of its template count
     * @param deployment the service's Deployment, or null when it does not exist
     * @param pods the service's pods (any deployment's: this method picks)
     */
    public static RolloutDiagnosis of(
            DeploymentId expected, Deployment deployment, List<Pod> pods) {
        if (deployment == null) {
            return failed("the service's Deployment is gone: was the service deleted meanwhile?");
        }
        String current = templateAnnotation(deployment);
        if (!expected.value().equals(current)) {
            return failed(
                    "another deployment"
                            + (current == null ? "" : " (" + current + ")")
                            + " replaced this one before it became ready");
        }
        DeploymentStatus status =
                Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
        int wanted = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        int replicas = orZero(status.getReplicas());
        int updated = orZero(status.getUpdatedReplicas());
        int available = orZero(status.getAvailableReplicas());
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
        long observed = Optional.ofNullable(status.getObservedGeneration()).orElse(-1L);

        // The counts describe the newest template only once the controller has seen it; while
        // old pods still run, replicas exceeds updated.
        if (observed >= generation
                && updated >= wanted
                && replicas == updated
                && available == updated) {
            return new RolloutDiagnosis(
                    Verdict.READY, available + " of " + wanted + " ready", available);
        }

        Optional<String> podFailure =
                pods.stream()
                        .filter(pod -> expected.value().equals(podAnnotation(pod)))
                        .map(pod -> podFailure(pod, deployment))
                        .flatMap(Optional::stream)
                        .findFirst();
        if (podFailure.isPresent()) {
            return failed(podFailure.get());
        }
        Optional<DeploymentCondition> replicaFailure = replicaFailure(status);
        if (replicaFailure.isPresent()) {
            // No pod could even be created (quota, admission, a missing RuntimeClass): waiting for
            // the progress deadline would only delay the same answer.
            return failed(
                    "Kubernetes could not create the service's pods: "
                            + Optional.ofNullable(replicaFailure.get().getMessage())
                                    .orElse(replicaFailure.get().getReason()));
        }
        if (progressDeadlineExceeded(status)) {
            int port = appPort(deployment);
            return failed(
                    "the app never became ready on port "
                            + port
                            + " within "
                            + deadline(deployment)
                            + ": does it listen on 0.0.0.0:"
                            + port
                            + "?");
        }
        return new RolloutDiagnosis(
                Verdict.WAITING,
                updated + " of " + wanted + " updated, " + available + " available",
                available);
    }

    public boolean isReady() {
        return verdict == Verdict.READY;
    }

    public boolean isFailed() {
        return verdict == Verdict.FAILED;
    }

    private static RolloutDiagnosis failed(String reason) {
        return new RolloutDiagnosis(Verdict.FAILED, reason, 0);
    }

    private static Optional<String> podFailure(Pod pod, Deployment deployment) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(statuses::addAll);
        Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(statuses::addAll);
        for (ContainerStatus container : statuses) {
            Optional<String> failure = containerFailure(container, deployment);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> containerFailure(
            ContainerStatus container, Deployment deployment) {
        ContainerStateWaiting waiting =
                container.getState() == null ? null : container.getState().getWaiting();
        // Empty rather than null: Set.of(...).contains(null) throws.
        String waitingReason =
                waiting == null ? "" : Objects.requireNonNullElse(waiting.getReason(), "");
        if (IMAGE_PULL_ERRORS.contains(waitingReason)) {
            String image =
                    Optional.ofNullable(container.getImage()).orElseGet(() -> appImage(deployment));
            return Optional.of(
                    "the image "
                            + image
                            + " could not be pulled: "
                            + Optional.ofNullable(waiting.getMessage()).orElse(waitingReason));
        }
        if (CONFIG_ERRORS.contains(waitingReason)) {
            return Optional.of(
                    "the app's container could not be created: "
                            + Optional.ofNullable(waiting.getMessage()).orElse(waitingReason));
        }
        ContainerStateTerminated terminated = lastTermination(container);
        boolean restarted = orZero(container.getRestartCount()) > 0;
        if (CRASH_LOOP.equals(waitingReason) || (terminated != null && restarted)) {
            return Optional.of(exited(terminated, deployment));
        }
        return Optional.empty();
    }

    /** The container's current termination, else the one before its latest restart. */
    private static ContainerStateTerminated lastTermination(ContainerStatus container) {
        if (container.getState() != null && container.getState().getTerminated() != null) {
            return container.getState().getTerminated();
        }
        return container.getLastState() == null ? null : container.getLastState().getTerminated();
    }

    private static String exited(ContainerStateTerminated terminated, Deployment deployment) {
        String logs = "(last lines of its log are in the deployment's runtime logs)";
        if (terminated == null || terminated.getExitCode() == null) {
            return "the app keeps exiting " + logs;
        }
        if ("OOMKilled".equals(terminated.getReason())) {
            return "the app was stopped for using more than its memory limit"
                    + appMemoryLimit(deployment).map(limit -> " of " + limit).orElse("")
                    + " (exit code "
                    + terminated.getExitCode()
                    + ") "
                    + logs;
        }
        return "the app exited with code " + terminated.getExitCode() + " " + logs;
    }

    private static Optional<DeploymentCondition> replicaFailure(DeploymentStatus status) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(
                        condition ->
                                "ReplicaFailure".equals(condition.getType())
                                        && "True".equals(condition.getStatus()))
                .findFirst();
    }

    private static boolean progressDeadlineExceeded(DeploymentStatus status) {
        List<DeploymentCondition> conditions =
                Optional.ofNullable(status.getConditions()).orElse(List.of());
        return conditions.stream()
                .anyMatch(
                        condition ->
                                "Progressing".equals(condition.getType())
                                        && "False".equals(condition.getStatus())
                                        && PROGRESS_DEADLINE_EXCEEDED.equals(
                                                condition.getReason()));
    }

    private static String deadline(Deployment deployment) {
        int seconds =
                Optional.ofNullable(deployment.getSpec().getProgressDeadlineSeconds()).orElse(600);
        if (seconds % 60 == 0) {
            int minutes = seconds / 60;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return seconds + " seconds";
    }

    private static String templateAnnotation(Deployment deployment) {
        Map<String, String> annotations =
                deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null
                ? null
                : annotations.get(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION);
    }

    private static String podAnnotation(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null
                ? null
                : annotations.get(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION);
    }

    private static Optional<Container> appContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> ServiceNames.CONTAINER.equals(container.getName()))
                .findFirst();
    }

    private static int appPort(Deployment deployment) {
        return appContainer(deployment).map(Container::getPorts).orElse(List.of()).stream()
                .map(ContainerPort::getContainerPort)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(0);
    }

    private static String appImage(Deployment deployment) {
        return appContainer(deployment).map(Container::getImage).orElse("of the app");
    }

    private static Optional<String> appMemoryLimit(Deployment deployment) {
        return appContainer(deployment)
                .map(Container::getResources)
                .map(resources -> resources.getLimits())
                .map(limits -> limits.get("memory"))
                .map(Object::toString);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
