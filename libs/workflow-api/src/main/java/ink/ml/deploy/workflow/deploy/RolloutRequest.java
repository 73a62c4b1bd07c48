package ink.ml.deploy.workflow.deploy;

public record RolloutRequest(
        String deploymentId, String userId, String project, String service, int port) {}
