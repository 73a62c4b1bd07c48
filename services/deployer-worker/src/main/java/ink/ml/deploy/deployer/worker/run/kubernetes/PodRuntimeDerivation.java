package ink.ml.deploy.deployer.worker.run.kubernetes;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.k8s.ServiceNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether a live deployment's pod is crashing or running, read from the status the kubelet reports
 * for its app container. Pure: no client, no clock.
 *
 * <p>Crashed when the container:
 *
 * <ul>
 *   <li>waits in {@code CrashLoopBackOff} (it exited and the kubelet backs off before the next
 *       restart);
 *   <li>is, or was last, terminated {@code OOMKilled} and is not ready;
 *   <li>restarted since the previous observation and is not ready.
 * </ul>
 *
 * Running when it runs, is ready and has not restarted since the previous observation. Anything
 * else (starting, ready just after a restart, a pod going away) says nothing yet: the caller keeps
 * what it knew.
 */
public final class PodRuntimeDerivation {
    static final String CRASH_LOOP = "CrashLoopBackOff";
    static final String OOM_KILLED = "OOMKilled";

    private PodRuntimeDerivation() {}

    /**
     * @param pod a pod of a live deployment
     * @param previousRestarts the app container's restart count at the previous observation of this
     *     pod; empty on the first
     */
    public static Optional<RuntimeVerdict> derive(Pod pod, OptionalInt previousRestarts) {
        if (isGoingAway(pod)) {
            return Optional.empty();
        }
        Optional<ContainerStatus> found = appContainerStatus(pod);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ContainerStatus container = found.get();
        int restarts = restartCount(container);
        boolean ready = Boolean.TRUE.equals(container.getReady());
        boolean restartedSince =
                previousRestarts.isPresent() && restarts > previousRestarts.getAsInt();
        ContainerStateTerminated termination = lastTermination(container);
        boolean oomKilled = termination != null && OOM_KILLED.equals(termination.getReason());

        if (oomKilled && !ready) {
            return crashed(
                    OOM_KILLED
                            + ": the app used more memory than its plan"
                            + memoryLimit(pod).map(limit -> " (" + limit + ")").orElse("")
                            + restartedTimes(restarts));
        }
        if (isWaitingIn(container, CRASH_LOOP)) {
            return crashed(CRASH_LOOP + ": " + exited(termination) + restartedTimes(restarts));
        }
        if (restartedSince && !ready) {
            return crashed("Restarting: " + exited(termination) + restartedTimes(restarts));
        }
        if (ready && isRunning(container) && !restartedSince) {
            return Optional.of(
                    new RuntimeVerdict(
                            RuntimeState.RUNNING, "the app is ready and not restarting"));
        }
        return Optional.empty();
    }

    /** The app container's restart count, for the next observation; 0 when it has no status. */
    public static int restartCount(Pod pod) {
        return appContainerStatus(pod).map(PodRuntimeDerivation::restartCount).orElse(0);
    }

    private static Optional<RuntimeVerdict> crashed(String reason) {
        return Optional.of(new RuntimeVerdict(RuntimeState.CRASHED, reason));
    }

    /** Deleted or finished pods are replaced by the ReplicaSet; their last words are old news. */
    private static boolean isGoingAway(Pod pod) {
        if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** The container the platform runs the app in; the only one of a platform pod. */
    private static Optional<ContainerStatus> appContainerStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses.stream()
                .filter(status -> ServiceNames.CONTAINER.equals(status.getName()))
                .findFirst()
                .or(() -> statuses.stream().findFirst());
    }

    private static int restartCount(ContainerStatus container) {
        return container.getRestartCount() == null ? 0 : container.getRestartCount();
    }

    private static boolean isWaitingIn(ContainerStatus container, String reason) {
        ContainerState state = container.getState();
        return state != null
                && state.getWaiting() != null
                && reason.equals(state.getWaiting().getReason());
    }

    private static boolean isRunning(ContainerStatus container) {
        return container.getState() != null && container.getState().getRunning() != null;
    }

    /** The container's current termination, else the one before its latest restart. */
    private static ContainerStateTerminated lastTermination(ContainerStatus container) {
        if (container.getState() != null && container.getState().getTerminated() != null) {
            return container.getState().getTerminated();
        }
        return container.getLastState() == null ? null : container.getLastState().getTerminated();
    }

    private static String exited(ContainerStateTerminated termination) {
        if (termination == null || termination.getExitCode() == null) {
            return "the app keeps exiting";
        }
        return "exited with code " + termination.getExitCode();
    }

    private static String restartedTimes(int restarts) {
        if (restarts <= 0) {
            return "";
        }
        return ", restarted " + restarts + (restarts == 1 ? " time" : " times");
    }

    /** The app container's memory limit as the plan shows it, e.g. {@code 512 Mi}. */
    private static Optional<String> memoryLimit(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return Optional.empty();
        }
        return pod.getSpec().getContainers().stream()
                .filter(container -> ServiceNames.CONTAINER.equals(container.getName()))
                .findFirst()
                .map(Container::getResources)
                .map(resources -> resources.getLimits())
                .map(limits -> limits.get("memory"))
                .map(PodRuntimeDerivation::plain);
    }

    private static String plain(Quantity quantity) {
        String format = quantity.getFormat();
        return format == null || format.isEmpty()
                ? quantity.getAmount()
                : quantity.getAmount() + " " + format;
    }
}
