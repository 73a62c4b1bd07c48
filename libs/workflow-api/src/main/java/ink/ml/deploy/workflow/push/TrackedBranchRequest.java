package ink.ml.deploy.workflow.push;

/**
 * @param serviceId a service that tracks the pushed branch ({@link TrackingServices})
 */
public record TrackedBranchRequest(String serviceId) {}
