package ink.ml.deploy.workflow.control;

/**
 * @param deploymentId the deployment the request produced (a new one) or acted on (a cancelled one)
 */
public record ControlOutcome(String deploymentId) {}
