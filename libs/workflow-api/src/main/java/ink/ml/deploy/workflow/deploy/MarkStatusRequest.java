package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.workflow.WireEnum;
import java.util.Objects;

/**
 * Moves a deployment's status and appends the matching event. Built by meaning: {@link #moving} for
 * a step that starts or ends well, {@link #failed} and {@link #cancelled}.
 *
 * @param status the target status
 * @param step the event step to append
 * @param message the event message
 * @param errorStep for failed: the step that failed; else null
 * @param errorMessage for failed: the reason; else null
 */
public record MarkStatusRequest(
        String deploymentId,
        @WireEnum DeploymentStatus status,
        @WireEnum DeploymentStep step,
        String message,
        @WireEnum DeploymentStep errorStep,
        String errorMessage) {
    public MarkStatusRequest {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(step, "step");
    }

    /**
     * A move that is not a failure (building, deploying, active), recorded as an event of {@code
     * step}.
     */
    public static MarkStatusRequest moving(
            String deploymentId, DeploymentStatus status, DeploymentStep step, String message) {
        if (status == DeploymentStatus.FAILED) {
            throw new IllegalArgumentException("a failure names its reason: use failed(…)");
        }
        return new MarkStatusRequest(deploymentId, status, step, message, null, null);
    }

    /** The deployment failed at {@code step}, for {@code reason} (stored as its error too). */
    public static MarkStatusRequest failed(
            String deploymentId, DeploymentStep step, String reason) {
        return new MarkStatusRequest(
                deploymentId, DeploymentStatus.FAILED, step, reason, step, reason);
    }

    /** A newer deployment, or the service's deletion, took over before it went live. */
    public static MarkStatusRequest cancelled(String deploymentId, String message) {
        return moving(deploymentId, DeploymentStatus.CANCELLED, DeploymentStep.CANCEL, message);
    }
}
