package ink.ml.deploy.workflow.delete;

public record MarkWorkloadRemovedRequest(String serviceId) {}
