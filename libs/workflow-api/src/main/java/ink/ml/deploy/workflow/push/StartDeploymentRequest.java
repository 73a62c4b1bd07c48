package ink.ml.deploy.workflow.push;

public record StartDeploymentRequest(String serviceId, String commitSha, String deliveryId) {}
