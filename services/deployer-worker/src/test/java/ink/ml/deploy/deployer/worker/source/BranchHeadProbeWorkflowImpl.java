package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class BranchHeadProbeWorkflowImpl implements BranchHeadProbeWorkflow {
    private final SourceActivities sources =
            Workflow.newActivityStub(
                    SourceActivities.class,
                    ActivityOptions.newBuilder()
                            .setTaskQueue("deployer-eu-central-1")
                            .setStartToCloseTimeout(Duration.ofSeconds(30))
                            .setRetryOptions(
                                    RetryOptions.newBuilder().setMaximumAttempts(1).build())
                            .build());

    @Override
    public String resolve(ResolveBranchHeadRequest request) {
        try {
            return sources.resolveBranchHead(request).commitSha();
        } catch (ActivityFailure failure) {
            return failure.getCause() instanceof ApplicationFailure application
                    ? application.getType()
                    : failure.getCause().getClass().getSimpleName();
        }
    }
}
