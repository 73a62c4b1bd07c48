package ink.ml.deploy.workflow.deploy;

public record LoadPlanRequest(String deploymentId) {}
