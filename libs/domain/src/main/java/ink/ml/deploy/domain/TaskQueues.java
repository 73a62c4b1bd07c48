package ink.ml.deploy.domain;

/**
 * Temporal task queue names: the product plane's worker, and one deployer queue and one git-server
 * queue per cluster.
 */
public final class TaskQueues {
    /** The product plane's worker (orchestration workflows, database activities). */
    public static final String DEFAULT = "default";

    private TaskQueues() {}

    /** The queue that the deployer-worker of a region's cluster polls. */
    public static String deployer(Region region) {
        return "deployer-" + region.id();
    }

    /** The queue that the git-server of a region's cluster polls (revocations of git tokens). */
    public static String gitServer(Region region) {
        return "git-server-" + region.id();
    }
}
