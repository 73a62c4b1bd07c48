package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import io.quarkiverse.temporal.TemporalActivity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test double of the cluster's Kubernetes side: rolls out at once, records deletions. */
@TemporalActivity(workers = StandInCluster.WORKER)
public class StandInWorkloads implements WorkloadActivities {
    private final List<DeleteWorkloadRequest> deleted =
            Collections.synchronizedList(new ArrayList<>());

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

    List<DeleteWorkloadRequest> deleted() {
        return List.copyOf(deleted);
    }
}
