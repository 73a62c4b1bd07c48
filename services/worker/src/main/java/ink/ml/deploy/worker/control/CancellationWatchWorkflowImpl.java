package ink.ml.deploy.worker.control;

import ink.ml.deploy.workflow.control.CancelDeploymentRequest;
import ink.ml.deploy.workflow.control.CancellationWatchWorkflow;
import ink.ml.deploy.workflow.control.ControlActivities;
import io.temporal.workflow.Workflow;

/**
 * Waits, on the product plane, until a deployment whose cancellation was requested has stopped. The
 * deploy workflow normally stops the running step and marks the deployment cancelled by itself;
 * this is what ends a run that is stuck, so a cancellation the API confirmed always ends.
 */
public class CancellationWatchWorkflowImpl implements CancellationWatchWorkflow {
    private final ControlActivities control =
            Workflow.newActivityStub(
                    ControlActivities.class, ControlActivityOptions.productPlane());

    @Override
    public void watch(CancelDeploymentRequest request) {
        control.awaitStopped(request);
    }
}
