package ink.ml.deploy.workflow.delete;

/**
 * What names a deleted service's resources in the cluster.
 *
 * @param region the cluster region (its deployer task queue)
 * @param lastServiceOfProject no live service is left in the project: its namespace may go too
 */
public record DeletionTarget(
        String serviceId,
        String userId,
        String project,
        String service,
        String region,
        boolean lastServiceOfProject) {}
