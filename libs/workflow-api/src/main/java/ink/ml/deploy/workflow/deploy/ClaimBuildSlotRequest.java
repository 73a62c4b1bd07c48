package ink.ml.deploy.workflow.deploy;

/**
 * @param attempt how many claims of this deployment were refused before this one: the wait before
 *     the next grows with it
 * @param step the event step to append once claimed, e.g. {@code build}
 * @param message the event message once claimed
 */
public record ClaimBuildSlotRequest(
        String deploymentId, int attempt, String step, String message) {}
