package ink.ml.deploy.workflow.push;

public record StartedDeployment(String deploymentId, String workflowId) {}
