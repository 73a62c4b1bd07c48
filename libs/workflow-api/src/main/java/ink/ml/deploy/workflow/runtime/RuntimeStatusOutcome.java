package ink.ml.deploy.workflow.runtime;

/**
 * @param change what the report did
 * @param status the deployment's status after it (a {@code DeploymentStatus} value), or null when
 *     the deployment does not exist
 */
public record RuntimeStatusOutcome(RuntimeStatusChange change, String status) {}
