package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.workflow.WireEnum;

/**
 * @param attempt how many claims of this deployment were refused before this one: the wait before
 *     the next grows with it
 * @param step the event step to append once claimed
 * @param message the event message once claimed
 */
public record ClaimBuildSlotRequest(
        String deploymentId, int attempt, @WireEnum DeploymentStep step, String message) {}
