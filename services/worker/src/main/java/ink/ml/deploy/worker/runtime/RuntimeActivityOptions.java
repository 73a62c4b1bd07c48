package ink.ml.deploy.worker.runtime;

import ink.ml.deploy.worker.deploy.RecordFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of a runtime report's one database call.
 *
 * <p>A report is worth retrying through a short database outage, but not for long: the execution
 * target observes again every few seconds and reaffirms a crash, so a fresh report soon replaces
 * one that gave up. Hence minutes, not the half hour a deployment's own records get. A report the
 * product plane can never store (a malformed id) is not retried.
 */
final class RuntimeActivityOptions {
    /** One database call: a locked row, a status and an event. */
    static final Duration ATTEMPT = Duration.ofSeconds(30);

    /** How long a report keeps trying before a newer observation takes over. */
    static final Duration DEADLINE = Duration.ofMinutes(10);

    private RuntimeActivityOptions() {}

    static ActivityOptions records() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(ATTEMPT)
                .setScheduleToCloseTimeout(DEADLINE)
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(1))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofSeconds(30))
                                .setDoNotRetry(RecordFailures.INVALID_RECORD)
                                .build())
                .build();
    }
}
