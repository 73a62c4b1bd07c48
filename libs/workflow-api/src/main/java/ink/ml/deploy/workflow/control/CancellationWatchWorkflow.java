package ink.ml.deploy.workflow.control;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Sees a requested cancellation through once the API has answered (queue {@code default}, a child
 * of the {@link DeploymentControlWorkflow} that asked, left running when that one ends): waits
 * until the deployment is no longer in flight, and ends a deploy run that does not stop by itself.
 */
@WorkflowInterface
public interface CancellationWatchWorkflow {
    @WorkflowMethod
    void watch(CancelDeploymentRequest request);
}
