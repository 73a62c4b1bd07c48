package ink.ml.deploy.worker.delete;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.worker.deploy.DeployActivityOptions;
import ink.ml.deploy.workflow.delete.CancelInFlightRequest;
import ink.ml.deploy.workflow.delete.DeleteServiceRequest;
import ink.ml.deploy.workflow.delete.DeleteServiceWorkflow;
import ink.ml.deploy.workflow.delete.DeletionTarget;
import ink.ml.deploy.workflow.delete.MarkWorkloadRemovedRequest;
import ink.ml.deploy.workflow.delete.RetireServiceRequest;
import ink.ml.deploy.workflow.delete.ServiceDeletionActivities;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Removes a service. The order matters: the service is marked deleted first, so no push or redeploy
 * can start a new deployment while it goes; then its in-flight deployment is cancelled and has
 * stopped, so nothing applies its workload again; only then are its resources deleted and its live
 * deployment marked removed.
 */
public class DeleteServiceWorkflowImpl implements DeleteServiceWorkflow {
    private final ServiceDeletionActivities deletions =
            Workflow.newActivityStub(
                    ServiceDeletionActivities.class,
                    ActivityOptions.newBuilder()
                            // Cancelling waits for the deployment to stop: heartbeats, minutes.
                            .setStartToCloseTimeout(Duration.ofMinutes(5))
                            .setHeartbeatTimeout(Duration.ofSeconds(30))
                            .setRetryOptions(
                                    RetryOptions.newBuilder()
                                            .setInitialInterval(Duration.ofSeconds(1))
                                            .setBackoffCoefficient(2)
                                            .setMaximumInterval(Duration.ofMinutes(1))
                                            .build())
                            .build());

    @Override
    public void delete(DeleteServiceRequest request) {
        DeletionTarget target =
                deletions.retireService(new RetireServiceRequest(request.serviceId()));
        deletions.cancelInFlightDeployment(new CancelInFlightRequest(request.serviceId()));
        WorkloadActivities workload =
                Workflow.newActivityStub(
                        WorkloadActivities.class,
                        DeployActivityOptions.delete(
                                TaskQueues.deployer(Region.of(target.region()))));
        workload.deleteWorkload(
                new DeleteWorkloadRequest(
                        target.userId(),
                        target.project(),
                        target.service(),
                        target.lastServiceOfProject()));
        deletions.markWorkloadRemoved(new MarkWorkloadRemovedRequest(request.serviceId()));
    }
}
