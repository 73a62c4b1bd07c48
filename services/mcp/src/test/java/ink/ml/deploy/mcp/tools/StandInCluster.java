package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * Test double of the cluster's side of a deployment, on the deployer queue (the real one clones,
 * builds and applies; it is tested in services/deployer-worker).
 */
final class StandInCluster {
    /**
     * quarkus-temporal makes beans of every activity implementation it indexes; binding the
     * stand-ins to this worker, which mcp never starts, keeps them off any real one. The tests
     * register their own instances with {@link InProcessWorker}.
     */
    static final String WORKER = "mcp-test-stand-ins";

    private final StandInBranchHeads heads = new StandInBranchHeads();
    private final StandInBuilds builds;
    private final StandInWorkloads workloads = new StandInWorkloads();

    StandInCluster(WorkflowClient client) {
        this.builds = new StandInBuilds().signallingThrough(client);
    }

    /** From now on, {@code branch} of {@code repository} points at {@code sha}. */
    void push(String repository, String branch, String sha) {
        heads.push(repository, branch, sha);
    }

    /** Builds of {@code repository} from now on run until they are cancelled. */
    void holdBuilds(String repository) {
        builds.hold(repository);
    }

    List<DeleteWorkloadRequest> deleted() {
        return workloads.deleted();
    }

    Object[] activities() {
        return new Object[] {heads, builds, workloads};
    }
}
