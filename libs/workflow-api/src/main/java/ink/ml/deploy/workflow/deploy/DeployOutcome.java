package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.workflow.WireEnum;

/**
 * How a deployment ended.
 *
 * @param status the final status (active, failed, cancelled; or the newer status a stale run found)
 * @param errorStep the step that failed, or null
 * @param errorMessage what the user can do about it, or null
 */
public record DeployOutcome(
        String deploymentId,
        @WireEnum DeploymentStatus status,
        @WireEnum DeploymentStep errorStep,
        String errorMessage) {

    /** It ended with {@code status} and no error: active, or the status a newer run left. */
    public static DeployOutcome ended(String deploymentId, DeploymentStatus status) {
        return new DeployOutcome(deploymentId, status, null, null);
    }

    public static DeployOutcome failed(String deploymentId, DeploymentStep step, String reason) {
        return new DeployOutcome(deploymentId, DeploymentStatus.FAILED, step, reason);
    }
}
