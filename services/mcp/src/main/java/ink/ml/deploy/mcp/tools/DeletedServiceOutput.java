package ink.ml.deploy.mcp.tools;

/**
 * A service whose deletion has started.
 *
 * @param status always {@code deleting}: the workload is being removed from the cluster
 */
public record DeletedServiceOutput(String serviceId, String name, String status, String next) {}
