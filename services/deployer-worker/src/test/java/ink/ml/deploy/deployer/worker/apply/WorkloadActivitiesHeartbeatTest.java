package ink.ml.deploy.deployer.worker.apply;

import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.EU_CENTRAL_1;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.applyRequest;
import static ink.ml.deploy.deployer.worker.apply.WorkloadFixtures.deleteRequest;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.run.ExecutionTarget;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The apply and the delete heartbeat while their target works, so that the deploy workflow's
 * heartbeat timeout finds a deployer that died in them within seconds: a target that holds each
 * step until it has seen two heartbeats, in Temporal's TestActivityEnvironment.
 */
class WorkloadActivitiesHeartbeatTest {
    private static final int BEATS = 2;

    private final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    private final List<String> heartbeats = new CopyOnWriteArrayList<>();
    private final CountDownLatch beaten = new CountDownLatch(BEATS);
    private final HeldTarget target = new HeldTarget(beaten);

    @AfterEach
    void closeEnvironment() {
        environment.close();
    }

    @Test
    void anApplyHeartbeatsUntilItsTargetIsDone() {
        activities().applyWorkload(applyRequest("dep-7", Map.of()));

        assertThat(target.applied).isTrue();
        assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(BEATS);
        assertThat(heartbeats).allMatch("applying deployment dep-7"::equals);
    }

    @Test
    void aDeleteHeartbeatsUntilItsTargetIsDone() {
        activities().deleteWorkload(deleteRequest(true));

        assertThat(target.deleted).isTrue();
        assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(BEATS);
        assertThat(heartbeats).allMatch("deleting service web"::equals);
    }

    private WorkloadActivities activities() {
        environment.registerActivitiesImplementations(
                new WorkloadActivitiesImpl(
                        target,
                        EU_CENTRAL_1,
                        RegistryAccess.anonymous(),
                        new DeployStepMeter(new SimpleMeterRegistry()),
                        Duration.ofMillis(20)));
        environment.setActivityHeartbeatListener(
                String.class,
                details -> {
                    heartbeats.add(details);
                    beaten.countDown();
                });
        return environment.newActivityStub(
                WorkloadActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        // Heartbeats are sent at most every 80 % of this.
                        .setHeartbeatTimeout(Duration.ofMillis(100))
                        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());
    }

    /** Holds each step until the activity has heartbeated twice, as a slow image pull would. */
    private static final class HeldTarget implements ExecutionTarget {
        private final CountDownLatch beaten;
        private volatile boolean applied;
        private volatile boolean deleted;

        HeldTarget(CountDownLatch beaten) {
            this.beaten = beaten;
        }

        @Override
        public void apply(ServiceSpec spec) {
            awaitBeats();
            applied = true;
        }

        @Override
        public RolloutResult awaitRollout(ServiceRef service, DeploymentId deployment) {
            throw new UnsupportedOperationException("not a step that runs here");
        }

        @Override
        public void delete(ServiceRef service, boolean lastServiceOfProject) {
            awaitBeats();
            deleted = true;
        }

        @Override
        public String description() {
            return "a target held until the step has heartbeated";
        }

        private void awaitBeats() {
            try {
                if (!beaten.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the step did not heartbeat while it ran");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
