package ink.ml.deploy.workflow.delete;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Removes a service (queue {@code default}, id {@code delete-service-{serviceId}}): cancels its
 * in-flight deployment, removes its workload and domain resources from the cluster, marks its live
 * deployment removed and the service deleted.
 */
@WorkflowInterface
public interface DeleteServiceWorkflow {
    @WorkflowMethod
    void delete(DeleteServiceRequest request);
}
