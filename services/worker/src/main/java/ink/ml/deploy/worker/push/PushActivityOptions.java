package ink.ml.deploy.worker.push;

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
}
