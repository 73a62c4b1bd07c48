package ink.ml.deploy.worker.control;

import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/** Timeouts and retries of the control workflow's activities. */
final class ControlActivityOptions {
    private ControlActivityOptions() {}

    /**
     * Product-plane activities (queue default). Starting a deployment may wait for the service's
     * in-flight one to stop (its build acknowledges the cancellation by heartbeat): minutes.
     */
    static ActivityOptions productPlane() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(1))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofSeconds(30))
                                .build())
                .build();
    }

    /**
     * A cancellation's watch: a child left running when the request that started it ends (the API
     * has its answer by then). Bounded well past the longest cancellation wait, which its activity
     * enforces.
     */
    static ChildWorkflowOptions watch() {
        return ChildWorkflowOptions.newBuilder()
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(15))
                .build();
    }

    /**
     * Reading a branch head on the region's deployer queue: one {@code git ls-remote}. Bounded
     * tightly, because a person waits for the answer: when the cluster's deployer does not poll,
     * the request fails before anything is recorded instead of deploying much later.
     */
    static ActivityOptions branchHead(String deployerQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(deployerQueue)
                .setStartToCloseTimeout(Duration.ofSeconds(15))
                .setScheduleToCloseTimeout(Duration.ofSeconds(20))
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(500))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofSeconds(5))
                                .setDoNotRetry(
                                        StepFailure.CLONE_FAILED, SourceActivities.BRANCH_NOT_FOUND)
                                .build())
                .build();
    }
}
