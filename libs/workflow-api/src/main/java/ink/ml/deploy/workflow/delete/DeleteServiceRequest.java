package ink.ml.deploy.workflow.delete;

public record DeleteServiceRequest(String serviceId) {}
