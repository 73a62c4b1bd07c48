package ink.ml.deploy.worker.control;

import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.control.BranchSourceRequest;
import ink.ml.deploy.workflow.control.CancelDeploymentRequest;
import ink.ml.deploy.workflow.control.ControlActivities;
import ink.ml.deploy.workflow.control.ControlOutcome;
import ink.ml.deploy.workflow.control.StartControlledDeploymentRequest;
import io.quarkiverse.temporal.TemporalActivity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test double of the control workflow's product-plane side: records what it was asked. */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class ScriptedControlActivities implements ControlActivities {
    static final String NEW_DEPLOYMENT = "5a0d4c3e-0000-4000-8000-000000000001";

    private final List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile BranchSource source;

    /** What {@link #branchSource} answers. */
    ScriptedControlActivities answering(BranchSource source) {
        this.source = source;
        return this;
    }

    @Override
    public BranchSource branchSource(BranchSourceRequest request) {
        calls.add(request);
        return source;
    }

    @Override
    public ControlOutcome startRequestedDeployment(StartControlledDeploymentRequest request) {
        calls.add(request);
        return new ControlOutcome(NEW_DEPLOYMENT);
    }

    @Override
    public ControlOutcome cancelRequestedDeployment(CancelDeploymentRequest request) {
        calls.add(request);
        return new ControlOutcome(request.deploymentId());
    }

    @Override
    public ControlOutcome requestCancellation(CancelDeploymentRequest request) {
        calls.add(request);
        return new ControlOutcome(request.deploymentId());
    }

    @Override
    public void awaitStopped(CancelDeploymentRequest request) {
        calls.add(new AwaitedStop(request));
    }

    /** A call of {@link #awaitStopped}, told apart from the request it carries. */
    record AwaitedStop(CancelDeploymentRequest request) {}

    List<Object> calls() {
        return List.copyOf(calls);
    }
}
