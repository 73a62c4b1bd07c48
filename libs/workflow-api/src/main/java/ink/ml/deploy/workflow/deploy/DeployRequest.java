package ink.ml.deploy.workflow.deploy;

/**
 * Only the id: everything else (and every secret) is loaded by an activity, not kept in history.
 */
public record DeployRequest(String deploymentId) {}
