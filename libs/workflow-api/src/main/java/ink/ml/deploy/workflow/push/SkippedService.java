package ink.ml.deploy.workflow.push;

/**
 * A tracking service on which a push deployed nothing, and why (it was deleted meanwhile, or the
 * pushed commit is no longer the branch head: a newer push deploys that one).
 */
public record SkippedService(String serviceId, String reason) {}
