package ink.ml.deploy.workflow.control;

public record BranchSourceRequest(String userId, String serviceId) {}
