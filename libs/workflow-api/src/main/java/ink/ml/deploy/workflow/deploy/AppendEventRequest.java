package ink.ml.deploy.workflow.deploy;

/**
 * A deployment event: step (clone, build, …), status (started, succeeded, failed, info), message.
 */
public record AppendEventRequest(String deploymentId, String step, String status, String message) {}
