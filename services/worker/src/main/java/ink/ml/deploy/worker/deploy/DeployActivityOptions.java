package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts, heartbeats and retries of the deploy workflow's activities, chosen per step.
 *
 * <p>Every activity waits for its cancellation to complete ({@link
 * ActivityCancellationType#WAIT_CANCELLATION_COMPLETED}): a cancelled deployment must not go on
 * building, or apply its workload after a newer one (or a deletion) took over, behind the
 * workflow's back. The cluster's activities also give up when no deployer picks them up, so a
 * cluster that is down ends the deployment with that reason instead of leaving it queued.
 */
public final class DeployActivityOptions {
    /** The cluster's deployer-worker did not pick a step up within this time: it is down. */
    public static final Duration DEPLOYER_PICKUP = Duration.ofMinutes(15);

    public static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Every cluster step heartbeats (the apply and the delete from a background thread); a deployer
     * that stops heartbeating has died, and the step is retried on another (or the restarted) one
     * after this long instead of after the step's start-to-close.
     */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** One database call; the deadline covers its retries through a database outage. */
    private static final Duration RECORD_ATTEMPT = Duration.ofSeconds(30);

    private static final Duration RECORD_DEADLINE = Duration.ofMinutes(30);

    private DeployActivityOptions() {}

    /**
     * The product plane's database: short calls, retried with backoff for as long as a database
     * outage may reasonably last; a refused status move is final. Runs started before {@link
     * DeployServiceWorkflowImpl#DATABASE_WRITES_AS_LOCAL_ACTIVITIES} use these.
     */
    public static ActivityOptions records() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(RECORD_ATTEMPT)
                .setScheduleToCloseTimeout(RECORD_DEADLINE)
                .setRetryOptions(recordRetries())
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build();
    }

    /**
     * The same database calls as local activities: run by the worker inside the workflow task that
     * asks for them, so each saves a round trip through the Temporal server (a task dispatch and a
     * workflow task), with the same timeouts and retries.
     */
    public static LocalActivityOptions localRecords() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(RECORD_ATTEMPT)
                .setScheduleToCloseTimeout(RECORD_DEADLINE)
                .setRetryOptions(recordRetries())
                .build();
    }

    private static RetryOptions recordRetries() {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setDoNotRetry(
                        DeploymentRecordActivities.STALE_DEPLOYMENT,
                        DeploymentRecordActivities.DEPLOYMENT_NOT_FOUND,
                        RecordFailures.INVALID_RECORD)
                .build();
    }

    /**
     * Clone, build and push on the cluster: long, heartbeating, three attempts for transient
     * trouble (a registry hiccup); a user's mistake ({@link StepFailure}) is never retried.
     */
    public static ActivityOptions build(String deployerQueue) {
        return cluster(deployerQueue, BUILD_TIMEOUT, 3).setHeartbeatTimeout(HEARTBEAT).build();
    }

    /** Applying the workload: idempotent and quick, so a few more attempts. */
    public static ActivityOptions apply(String deployerQueue) {
        return cluster(deployerQueue, Duration.ofMinutes(5), 5)
                .setHeartbeatTimeout(HEARTBEAT)
                .build();
    }

    /** Waiting for the rollout: as long as the Deployment's progress deadline, heartbeating. */
    public static ActivityOptions rollout(String deployerQueue) {
        return cluster(deployerQueue, ROLLOUT_TIMEOUT, 3).setHeartbeatTimeout(HEARTBEAT).build();
    }

    /** Deleting a service's resources: idempotent, retried until the cluster answers. */
    public static ActivityOptions delete(String deployerQueue) {
        return cluster(deployerQueue, Duration.ofMinutes(5), 10)
                .setHeartbeatTimeout(HEARTBEAT)
                .build();
    }

    private static ActivityOptions.Builder cluster(
            String deployerQueue, Duration startToClose, int attempts) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(deployerQueue)
                .setScheduleToStartTimeout(DEPLOYER_PICKUP)
                .setStartToCloseTimeout(startToClose)
                .setRetryOptions(
                        RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(2))
                                .setBackoffCoefficient(2)
                                .setMaximumInterval(Duration.ofSeconds(30))
                                .setMaximumAttempts(attempts)
                                .setDoNotRetry(StepFailure.types().toArray(String[]::new))
                                .build())
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
    }
}
