package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of the cluster's side of a deployment, on the deployer queue (the real one clones,
 * builds and applies; it is tested in services/deployer-worker): branch heads it was told about, a
 * build that prints two lines and succeeds, a workload that rolls out at once.
 */
final class StandInCluster {
    private final Map<String, String> heads = new ConcurrentHashMap<>();
    private final List<DeleteWorkloadRequest> deleted =
            Collections.synchronizedList(new ArrayList<>());
    private final WorkflowClient client;

    StandInCluster(WorkflowClient client) {
        this.client = client;
    }

    /** From now on, {@code branch} of {@code repository} points at {@code sha}. */
    void push(String repository, String branch, String sha) {
        heads.put(repository + "@" + branch, sha);
    }

    List<DeleteWorkloadRequest> deleted() {
        return List.copyOf(deleted);
    }

    Object[] activities() {
        return new Object[] {new Heads(), new Build(), new Workload()};
    }

    private final class Heads implements SourceActivities {
        @Override
        public BranchHead resolveBranchHead(ResolveBranchHeadRequest request) {
            String sha = heads.get(request.repository() + "@" + request.branch());
            if (sha == null) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "branch "
                                + request.branch()
                                + " does not exist in "
                                + request.repository()
                                + ": push it first, or change the branch the service tracks",
                        BRANCH_NOT_FOUND);
            }
            return new BranchHead(request.branch(), sha);
        }
    }

    private final class Build implements BuildActivities {
        @Override
        public BuildResult buildImage(BuildRequest request) {
            client.newWorkflowStub(DeployServiceWorkflow.class, request.workflowId())
                    .buildOutput(
                            new BuildOutput(
                                    1,
                                    List.of(
                                            "#1 [internal] load build definition from Dockerfile",
                                            "#2 exporting to image done")));
            return new BuildResult(request.imageRef(), 8080, false);
        }
    }

    private final class Workload implements WorkloadActivities {
        @Override
        public void applyWorkload(ApplyWorkloadRequest request) {}

        @Override
        public RolloutResult awaitRollout(RolloutRequest request) {
            return new RolloutResult(1);
        }

        @Override
        public void deleteWorkload(DeleteWorkloadRequest request) {
            deleted.add(request);
        }
    }
}
