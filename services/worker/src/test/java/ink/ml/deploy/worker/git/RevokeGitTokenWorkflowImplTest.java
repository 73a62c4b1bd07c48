package ink.ml.deploy.worker.git;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.git.GitTokenRevocationActivities;
import ink.ml.deploy.workflow.git.RevokeGitTokenRequest;
import ink.ml.deploy.workflow.git.RevokeGitTokenWorkflow;
import ink.ml.deploy.workflow.git.RevokedGitToken;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revocation workflow with time skipping, against a stand-in git-server on the region's queue
 * that can be down for a number of attempts, or for good.
 */
class RevokeGitTokenWorkflowImplTest {
    private static final String REGION = "eu-central-1";
    private static final String TOKEN_ID = "0123456789abcdef0123456789abcdef";

    private final StandInGitServer gitServer = new StandInGitServer();
    private TestWorkflowEnvironment env;

    @BeforeEach
    void startTemporal() {
        env = TestWorkflowEnvironment.newInstance();
        env.newWorker(TaskQueues.DEFAULT)
                .registerWorkflowImplementationTypes(RevokeGitTokenWorkflowImpl.class);
        Worker gitServerWorker = env.newWorker(TaskQueues.gitServer(Region.of(REGION)));
        gitServerWorker.registerActivitiesImplementations(gitServer);
        env.start();
    }

    @AfterEach
    void stopTemporal() {
        env.close();
    }

    @Test
    void handsTheRevocationToTheGitServerOfTheRequestsRegion() {
        Instant expiresAt = now().plus(Duration.ofHours(1));

        workflow().publish(new RevokeGitTokenRequest(TOKEN_ID, expiresAt, REGION));

        assertThat(gitServer.stored).containsExactly(new RevokedGitToken(TOKEN_ID, expiresAt));
    }

    @Test
    void keepsTryingWhileTheGitServerIsDownAndPublishesOnceItIsBack() {
        gitServer.downForAttempts = 6;
        Instant expiresAt = now().plus(Duration.ofHours(1));

        workflow().publish(new RevokeGitTokenRequest(TOKEN_ID, expiresAt, REGION));

        assertThat(gitServer.attempts.get()).isEqualTo(7);
        assertThat(gitServer.stored).containsExactly(new RevokedGitToken(TOKEN_ID, expiresAt));
    }

    @Test
    void givesUpWithoutFailingOnceTheTokenHasExpiredByItself() {
        gitServer.downForAttempts = Integer.MAX_VALUE;

        workflow()
                .publish(
                        new RevokeGitTokenRequest(
                                TOKEN_ID, now().plus(Duration.ofMinutes(10)), REGION));

        assertThat(gitServer.stored).isEmpty();
        assertThat(gitServer.attempts.get()).isGreaterThan(1);
    }

    @Test
    void anAlreadyExpiredTokenNeedsNothingPublished() {
        workflow()
                .publish(
                        new RevokeGitTokenRequest(
                                TOKEN_ID, now().minus(Duration.ofMinutes(1)), REGION));

        assertThat(gitServer.attempts.get()).isZero();
    }

    private RevokeGitTokenWorkflow workflow() {
        return env.getWorkflowClient()
                .newWorkflowStub(
                        RevokeGitTokenWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.revokeGitToken(TOKEN_ID))
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .build());
    }

    private Instant now() {
        return Instant.ofEpochMilli(env.currentTimeMillis());
    }

    /** The git-server's activity: refuses the first {@link #downForAttempts} attempts. */
    static final class StandInGitServer implements GitTokenRevocationActivities {
        final List<RevokedGitToken> stored = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        volatile int downForAttempts;

        @Override
        public void addRevokedToken(RevokedGitToken token) {
            if (attempts.incrementAndGet() <= downForAttempts) {
                throw new IllegalStateException("git-server restarting");
            }
            if (!stored.contains(token)) {
                stored.add(token);
            }
        }
    }
}
