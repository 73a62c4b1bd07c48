package ink.ml.deploy.worker;

import io.temporal.workflow.Workflow;

public class TaskQueueProbeWorkflowImpl implements TaskQueueProbeWorkflow {

    @Override
    public String taskQueue() {
        return Workflow.getInfo().getTaskQueue();
    }
}
