package ink.ml.deploy.workflow.delete;

public record CancelInFlightRequest(String serviceId) {}
