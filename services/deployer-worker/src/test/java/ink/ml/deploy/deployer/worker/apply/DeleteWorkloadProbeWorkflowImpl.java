package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DeleteWorkloadProbeWorkflowImpl implements DeleteWorkloadProbeWorkflow {
    private final WorkloadActivities activities =
            Workflow.newActivityStub(
                    WorkloadActivities.class,
                    ActivityOptions.newBuilder()
                            .setTaskQueue("deployer-eu-central-1")
                            .setStartToCloseTimeout(Duration.ofSeconds(30))
                            .setRetryOptions(
                                    RetryOptions.newBuilder().setMaximumAttempts(1).build())
                            .build());

    @Override
    public void delete(DeleteWorkloadRequest request) {
        activities.deleteWorkload(request);
    }
}
