package ink.ml.deploy.workflow.push;

/**
 * What {@link GitPushes#start} did.
 *
 * @param workflowId {@code push-{source}-{delivery}}
 * @param started false when a workflow with that id already existed: a redelivery, nothing new
 */
public record PushStart(String workflowId, boolean started) {}
