package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class BuildProbeWorkflowImpl implements BuildProbeWorkflow {
    private final BuildActivities activities =
            Workflow.newActivityStub(
                    BuildActivities.class,
                    ActivityOptions.newBuilder()
                            .setTaskQueue("deployer-eu-central-1")
                            .setStartToCloseTimeout(Duration.ofSeconds(30))
                            .setRetryOptions(
                                    RetryOptions.newBuilder().setMaximumAttempts(1).build())
                            .build());

    @Override
    public String build(BuildRequest request) {
        try {
            activities.buildImage(request);
            return "built";
        } catch (ActivityFailure failure) {
            return failure.getCause() instanceof ApplicationFailure application
                    ? application.getType()
                    : failure.getCause().getClass().getSimpleName();
        }
    }
}
