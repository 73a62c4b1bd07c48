package ink.ml.deploy.worker;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Test-only workflow: registered on the default worker by quarkus-temporal, it proves that the
 * worker polls the task queue configured in application.properties. Production workflows arrive
 * with the workflow contracts (libs/workflow-api).
 */
@WorkflowInterface
public interface TaskQueueProbeWorkflow {

    /** Returns the task queue the workflow ran on. */
    @WorkflowMethod
    String taskQueue();
}
