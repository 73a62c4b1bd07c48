package ink.ml.deploy.worker.git;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.git.GitTokenRevocationActivities;
import ink.ml.deploy.workflow.git.RevokeGitTokenRequest;
import ink.ml.deploy.workflow.git.RevokeGitTokenWorkflow;
import ink.ml.deploy.workflow.git.RevokedGitToken;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Hands a revocation to the git-server's queue and waits until the git-server has stored it. A
 * git-server that is down (or restarting) picks the task up when it is back; the attempt is retried
 * until it succeeds or the token has expired, after which the git-server refuses the token anyway
 * and there is nothing left to publish.
 */
public class RevokeGitTokenWorkflowImpl implements RevokeGitTokenWorkflow {
    /** Writing one line to a file: quick, or the git-server is in trouble and we try again. */
    static final Duration ATTEMPT = Duration.ofSeconds(30);

    static final Duration LONGEST_RETRY_INTERVAL = Duration.ofMinutes(1);

    @Override
    public void publish(RevokeGitTokenRequest request) {
        Duration untilExpiry =
                Duration.between(
                        Instant.ofEpochMilli(Workflow.currentTimeMillis()), request.expiresAt());
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return;
        }
        GitTokenRevocationActivities gitServer =
                Workflow.newActivityStub(
                        GitTokenRevocationActivities.class,
                        ActivityOptions.newBuilder()
                                .setTaskQueue(
                                        TaskQueues.gitServer(Region.of(request.gitServerRegion())))
                                .setStartToCloseTimeout(ATTEMPT)
                                // No pick-up deadline: a git-server that is down takes the task
                                // when it is back, as long as the token still matters.
                                .setScheduleToCloseTimeout(untilExpiry)
                                .setRetryOptions(
                                        RetryOptions.newBuilder()
                                                .setInitialInterval(Duration.ofSeconds(1))
                                                .setBackoffCoefficient(2)
                                                .setMaximumInterval(LONGEST_RETRY_INTERVAL)
                                                .build())
                                .build());
        try {
            gitServer.addRevokedToken(new RevokedGitToken(request.tokenId(), request.expiresAt()));
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof ApplicationFailure failure && failure.isNonRetryable()) {
                throw e;
            }
            // Attempts are unlimited, so only the deadline ends them: the token expired before the
            // git-server could be told, and it is refused for that anyway.
        }
    }
}
