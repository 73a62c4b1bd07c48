package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.deploy.BuildRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Calls the build activity on the deployer queue, as the deploy workflow does; for tests. */
@WorkflowInterface
public interface BuildProbeWorkflow {

    /** The failure type the activity ended with, or "built". */
    @WorkflowMethod
    String build(BuildRequest request);
}
