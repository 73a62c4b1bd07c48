package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.deploy.DeployRequest;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one path by which a new deployment of a service begins, whatever asked for it (a git push, a
 * deploy, redeploy or rollback through the APIs): the service's in-flight deployment is cancelled
 * and has stopped, then the new one is recorded and its deploy workflow started. Latest wins; the
 * database allows one in-flight deployment per service. Called from activities only.
 */
@ApplicationScoped
public class LatestWinsStarts {
    private final InFlightDeployments inFlight;
    private final WorkflowClient client;

    public LatestWinsStarts(InFlightDeployments inFlight, WorkflowClient client) {
        this.inFlight = inFlight;
        this.client = client;
    }

    /**
     * Cancels the service's in-flight deployment, waits for it to stop, and records the new one.
     * Whatever the caller must refuse (a service that is not theirs, nothing to roll back to)
     * should be checked before: the in-flight deployment is gone once this returns.
     *
     * @param record records the new deployment (a libs/platform call); its exceptions pass through,
     *     except the in-flight conflict
     * @param heartbeat called while waiting, so the calling activity keeps heartbeating
     * @throws IllegalStateException (retryable) when another deployment of the service was recorded
     *     between the cancellation and the record: the activity's retry cancels that one too
     */
    public DeploymentView record(
            UUID serviceId, Supplier<DeploymentView> record, Runnable heartbeat) {
        inFlight.cancelAndAwait(serviceId, heartbeat);
        try {
            return record.get();
        } catch (ConflictException e) {
            throw new IllegalStateException(
                    "another deployment of service " + serviceId + " started meanwhile; retrying",
                    e);
        }
    }

    /** Starts the deployment's deploy workflow; a start that already happened is fine. */
    public void startWorkflow(UUID deploymentId) {
        DeployServiceWorkflow workflow =
                client.newWorkflowStub(
                        DeployServiceWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.deploy(deploymentId))
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy
                                                .WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                                .build());
        try {
            WorkflowClient.start(workflow::deploy, new DeployRequest(deploymentId.toString()));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // A retry of the calling activity: its first attempt started it.
        }
    }
}
