package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Test double of the cluster's Kubernetes side, on the deployer queue: records what it was asked to
 * apply and delete; can crash on the first attempts of an apply, or report a failed rollout.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class ScriptedWorkloadActivities implements WorkloadActivities {
    private final List<ApplyWorkloadRequest> applied =
            Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> applyAttempts = Collections.synchronizedList(new ArrayList<>());
    private final List<DeleteWorkloadRequest> deleted =
            Collections.synchronizedList(new ArrayList<>());
    private volatile int crashingApplyAttempts;
    private volatile boolean firstApplyGoesSilent;
    private volatile String rolloutFailure;

    /** The first {@code attempts} applies die like a worker that crashed mid-call. */
    public ScriptedWorkloadActivities crashingOnFirstApplies(int attempts) {
        this.crashingApplyAttempts = attempts;
        return this;
    }

    /**
     * The first apply is never answered, as one whose deployer died mid-call: no result, no
     * failure, no heartbeat.
     */
    public ScriptedWorkloadActivities silentOnFirstApply() {
        this.firstApplyGoesSilent = true;
        return this;
    }

    public ScriptedWorkloadActivities failingRolloutWith(String reason) {
        this.rolloutFailure = reason;
        return this;
    }

    @Override
    public void applyWorkload(ApplyWorkloadRequest request) {
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        applyAttempts.add(attempt);
        if (attempt <= crashingApplyAttempts) {
            throw new IllegalStateException("connection reset: the deployer-worker went away");
        }
        if (attempt == 1 && firstApplyGoesSilent) {
            Activity.getExecutionContext().doNotCompleteOnReturn();
            return;
        }
        applied.add(request);
    }

    @Override
    public RolloutResult awaitRollout(RolloutRequest request) {
        if (rolloutFailure != null) {
            throw StepFailure.of(StepFailure.ROLLOUT_FAILED, rolloutFailure);
        }
        return new RolloutResult(1);
    }

    @Override
    public void deleteWorkload(DeleteWorkloadRequest request) {
        deleted.add(request);
    }

    public List<ApplyWorkloadRequest> applied() {
        return List.copyOf(applied);
    }

    public List<Integer> applyAttempts() {
        return List.copyOf(applyAttempts);
    }

    public List<DeleteWorkloadRequest> deleted() {
        return List.copyOf(deleted);
    }
}
