package ink.ml.deploy.worker.push;

import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of the push workflow's activities (product-plane database, queue default).
 */
final class PushActivityOptions {
    private PushActivityOptions() {}

    /**
     * Starting a deployment may wait for the service's in-flight one to stop (its build is
     * cancelled and acknowledges by heartbeat), so it heartbeats and has minutes, not seconds.
     */
    static ActivityOptions push() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofMinutes(30))
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(1))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofMinutes(1))
                                .build())
                .build();
    }

    /**
     * Reading the branch head on the service region's deployer queue (one {@code git ls-remote}),
     * to skip a push that a newer one overtook. Bounded tightly: the check only orders pushes, so
     * when the deployer does not take it within seconds, or cannot answer, the push deploys anyway
     * rather than wait.
     */
    static ActivityOptions branchHead(String deployerQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(deployerQueue)
                .setScheduleToStartTimeout(Duration.ofSeconds(5))
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setScheduleToCloseTimeout(Duration.ofSeconds(15))
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(500))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofSeconds(2))
                                .setDoNotRetry(
                                        StepFailure.CLONE_FAILED, SourceActivities.BRANCH_NOT_FOUND)
                                .build())
                .build();
    }
}
