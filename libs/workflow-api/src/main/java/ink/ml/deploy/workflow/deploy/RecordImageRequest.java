package ink.ml.deploy.workflow.deploy;

public record RecordImageRequest(String deploymentId, String imageRef) {}
