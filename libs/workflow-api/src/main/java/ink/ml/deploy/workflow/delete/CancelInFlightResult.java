package ink.ml.deploy.workflow.delete;

/**
 * @param cancelledDeploymentId the deployment that was in flight, or null when none was
 */
public record CancelInFlightResult(String cancelledDeploymentId) {}
