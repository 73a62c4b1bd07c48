package ink.ml.deploy.workflow.delete;

public record RetireServiceRequest(String serviceId) {}
