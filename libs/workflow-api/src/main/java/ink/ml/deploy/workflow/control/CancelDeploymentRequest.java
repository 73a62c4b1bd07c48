package ink.ml.deploy.workflow.control;

public record CancelDeploymentRequest(String userId, String deploymentId) {}
