package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Test-only workflow: calls {@code deleteWorkload} through the deployer task queue, proving that
 * quarkus-temporal registered the workload activities on the worker that polls it.
 */
@WorkflowInterface
public interface DeleteWorkloadProbeWorkflow {

    @WorkflowMethod
    void delete(DeleteWorkloadRequest request);
}
