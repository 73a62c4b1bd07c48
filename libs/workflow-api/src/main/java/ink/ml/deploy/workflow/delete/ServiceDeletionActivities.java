package ink.ml.deploy.workflow.delete;

import io.temporal.activity.ActivityInterface;

/**
 * The product plane's side of deleting a service (queue {@code default}). Implemented by the worker
 * over libs/platform. Each method is idempotent, so a retried one finds its work done.
 */
@ActivityInterface
public interface ServiceDeletionActivities {
    /**
     * Marks the service deleted (no new deployment can start from now on) and says what names its
     * resources in the cluster. A service already deleted is fine.
     */
    DeletionTarget retireService(RetireServiceRequest request);

    /**
     * Cancels the service's in-flight deployment, if any, and returns once the database shows it
     * ended: its workload can no longer be applied after this.
     */
    CancelInFlightResult cancelInFlightDeployment(CancelInFlightRequest request);

    /**
     * Once its workload is gone (and with it its custom domains' cluster resources): releases the
     * service's custom domains, so their names can be claimed again, and marks its live deployment
     * removed.
     */
    void markWorkloadRemoved(MarkWorkloadRemovedRequest request);
}
