package ink.ml.deploy.worker.domain;

import ink.ml.deploy.worker.deploy.DeployActivityOptions;
import ink.ml.deploy.worker.deploy.RecordFailures;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of the custom domain workflows' activities.
 *
 * <p>The database calls retry through an outage for as long as a deployment's records do. A DNS
 * check makes up to a dozen queries, each bounded by the resolvers' timeout, so it gets minutes per
 * attempt. The cluster's calls give up when no deployer picks them up (the cluster is down), which
 * the workflow turns into a failed certificate with that reason; removing retries longest, since
 * nothing else takes the resources away.
 */
final class DomainActivityOptions {
    private static final Duration RECORD_DEADLINE = Duration.ofMinutes(30);
    private static final Duration DNS_CHECK_ATTEMPT = Duration.ofMinutes(3);

    private DomainActivityOptions() {}

    /** The product plane's rows, and the DNS check that records into them. */
    static ActivityOptions records() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(DNS_CHECK_ATTEMPT)
                .setScheduleToCloseTimeout(RECORD_DEADLINE)
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(1))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofMinutes(1))
                                .setDoNotRetry(RecordFailures.INVALID_RECORD)
                                .build())
                .build();
    }

    /** Asking for the certificate, reading it, serving TLS: quick and idempotent. */
    static ActivityOptions cluster(String deployerQueue) {
        return cluster(deployerQueue, 5);
    }

    /** Taking a domain's resources off its cluster: retried until the cluster answers. */
    static ActivityOptions removal(String deployerQueue) {
        return cluster(deployerQueue, 10);
    }

    private static ActivityOptions cluster(String deployerQueue, int attempts) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(deployerQueue)
                .setScheduleToStartTimeout(DeployActivityOptions.DEPLOYER_PICKUP)
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(2))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofSeconds(30))
                                .setMaximumAttempts(attempts)
                                .build())
                // A cancelled run waits for the cluster's call in flight, so that what it cleans up
                // afterwards is not put back by a call that was still running.
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build();
    }
}
