package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Asks the deployer queue for a branch head, as the control workflow does; for tests. */
@WorkflowInterface
public interface BranchHeadProbeWorkflow {

    /** The head's sha, or the failure type the activity ended with. */
    @WorkflowMethod
    String resolve(ResolveBranchHeadRequest request);
}
