package ink.ml.deploy.workflow.deploy;

/**
 * How a deployment ended.
 *
 * @param status the final status value ({@code active}, {@code failed}, {@code cancelled})
 * @param errorStep the step that failed, or null
 * @param errorMessage what the user can do about it, or null
 */
public record DeployOutcome(
        String deploymentId, String status, String errorStep, String errorMessage) {}
