package ink.ml.deploy.worker.deploy;

import static ink.ml.deploy.domain.DeploymentStatus.ACTIVE;
import static ink.ml.deploy.domain.DeploymentStatus.BUILDING;
import static ink.ml.deploy.domain.DeploymentStatus.CANCELLED;
import static ink.ml.deploy.domain.DeploymentStatus.DEPLOYING;
import static ink.ml.deploy.domain.DeploymentStatus.FAILED;
import static ink.ml.deploy.domain.DeploymentStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.DeployOutcome;
import ink.ml.deploy.workflow.deploy.DeployRequest;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import ink.ml.deploy.workflow.deploy.MarkStatusRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deploy workflow against the in-memory records and scripted cluster activities (test doubles,
 * see {@link DeployWorkflowEnvironment}), with time skipping: every path a deployment can take.
 */
class DeployServiceWorkflowImplTest {
    private static final Duration SETTLES = Duration.ofSeconds(30);
    private final String deploymentId = DeployPlans.newId();
    private final String serviceId = DeployPlans.newId();
    private DeployWorkflowEnvironment temporal;

    @AfterEach
    void closeTemporal() {
        temporal.close();
    }

    private String deploymentOf(String userId) {
        String id = DeployPlans.newId();
        temporal.records.add(DeployPlans.build(id, DeployPlans.newId(), userId));
        return id;
    }

    private void start(String deployment) {
        WorkflowClient.start(
                temporal.deployWorkflow(deployment)::deploy, new DeployRequest(deployment));
    }

    private DeployOutcome result(String deployment) {
        return stub(deployment).getResult(DeployOutcome.class);
    }

    /** The deployment's running workflow, found by its id. */
    private WorkflowStub stub(String deployment) {
        return temporal.client.newUntypedWorkflowStub(
                WorkflowIds.deploy(UUID.fromString(deployment)));
    }

    /** Until exactly these deployments' builds run. */
    private void awaitBuilding(String... deployments) {
        await().atMost(SETTLES)
                .untilAsserted(
                        () ->
                                assertThat(temporal.build.running())
                                        .containsExactlyInAnyOrder(deployments));
    }

    @Test
    void happyPathGoesQueuedBuildingDeployingActiveAndStoresSignalledAndHandedOverOutputInOrder() {
        temporal = new DeployWorkflowEnvironment();
        temporal.build
                .emitting(
                        List.of("#1 load Dockerfile", "#2 FROM scratch"),
                        List.of("#3 COPY app /app"))
                .handingOver(List.of("#4 pushing", "#5 done"));
        temporal.start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));

        DeployOutcome outcome =
                temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));

        assertThat(outcome)
                .isEqualTo(new DeployOutcome(deploymentId, DeploymentStatus.ACTIVE, null, null));
        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, BUILDING, DEPLOYING, ACTIVE);
        assertThat(temporal.records.image(deploymentId)).isEqualTo(DeployPlans.IMAGE);
        assertThat(temporal.records.buildLog(deploymentId))
                .containsExactly(
                        "#1 load Dockerfile",
                        "#2 FROM scratch",
                        "#3 COPY app /app",
                        "#4 pushing",
                        "#5 done");
        assertThat(temporal.records.events(deploymentId))
                .extracting(InMemoryDeploymentRecords.Event::step, e -> e.status())
                .containsExactly(
                        tuple("build", "started"),
                        tuple("build", "succeeded"),
                        tuple("deploy", "started"),
                        tuple("deploy", "succeeded"),
                        tuple("rollout", "started"),
                        tuple("rollout", "succeeded"),
                        tuple("active", "succeeded"));
        assertThat(temporal.build.calls())
                .singleElement()
                .satisfies(
                        build -> {
                            assertThat(build.commitSha()).isEqualTo(DeployPlans.SHA);
                            assertThat(build.imageRef()).isEqualTo(DeployPlans.IMAGE);
                            assertThat(build.workflowId()).isEqualTo("deploy-" + deploymentId);
                        });
        assertThat(temporal.workload.applied())
                .singleElement()
                .satisfies(
                        apply -> {
                            assertThat(apply.imageRef()).isEqualTo(DeployPlans.IMAGE);
                            assertThat(apply.port()).isEqualTo(8080);
                            assertThat(apply.env()).containsKey("DATABASE_URL");
                        });
    }

    @Test
    void missingDockerfileFailsAtBuildStepWithItsReason() {
        String reason =
                "no Dockerfile at Dockerfile: add one, or set the service's Dockerfile path";
        temporal = new DeployWorkflowEnvironment();
        temporal.build
                .emitting(List.of("cloning octo/shop"))
                .failingWith(StepFailure.NO_DOCKERFILE, reason);
        temporal.start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));

        DeployOutcome outcome =
                temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));

        assertThat(outcome)
                .isEqualTo(
                        new DeployOutcome(
                                deploymentId,
                                DeploymentStatus.FAILED,
                                DeploymentStep.BUILD,
                                reason));
        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, BUILDING, FAILED);
        assertThat(temporal.records.error(deploymentId)).isEqualTo("build: " + reason);
        assertThat(temporal.records.events(deploymentId))
                .last()
                .isEqualTo(new InMemoryDeploymentRecords.Event("build", "failed", reason));
        assertThat(temporal.records.buildLog(deploymentId)).containsExactly("cloning octo/shop");
        // A user's mistake is not retried.
        assertThat(temporal.build.calls()).hasSize(1);
        assertThat(temporal.workload.applied()).isEmpty();
    }

    @Test
    void failedRolloutFailsAtRolloutStepWithItsReason() {
        String reason = "the app never listened on port 8080: does it listen on another port?";
        temporal = new DeployWorkflowEnvironment();
        temporal.workload.failingRolloutWith(reason);
        temporal.start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));

        DeployOutcome outcome =
                temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));

        assertThat(outcome)
                .isEqualTo(
                        new DeployOutcome(
                                deploymentId,
                                DeploymentStatus.FAILED,
                                DeploymentStep.ROLLOUT,
                                reason));
        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, BUILDING, DEPLOYING, FAILED);
        assertThat(temporal.records.error(deploymentId)).isEqualTo("rollout: " + reason);
    }

    @Test
    void cancellationByNewerDeploymentMidBuildStopsTheBuildAndMarksItCancelled()
            throws InterruptedException {
        temporal = new DeployWorkflowEnvironment();
        temporal.build.emitting(List.of("#1 compiling")).runningUntilCancelled();
        temporal.start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));
        DeployServiceWorkflow workflow = temporal.deployWorkflow(deploymentId);
        WorkflowClient.start(workflow::deploy, new DeployRequest(deploymentId));
        temporal.build.awaitStarted();

        // What a newer deployment of the service does first (latest wins).
        WorkflowStub.fromTyped(workflow).cancel();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(DeployOutcome.class))
                .isInstanceOf(WorkflowFailedException.class)
                .hasCauseInstanceOf(CanceledFailure.class);
        assertThat(temporal.build.stoppedByCancellation()).isTrue();
        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, BUILDING, CANCELLED);
        assertThat(temporal.records.buildLog(deploymentId))
                .containsExactly("#1 compiling", "build stopped");
        assertThat(temporal.records.image(deploymentId)).isNull();
        assertThat(temporal.workload.applied()).isEmpty();
    }

    @Test
    void aUsersBuildOverTheLimitWaitsQueuedAndStartsWhenOneOfTheirBuildsEnds() {
        temporal = new DeployWorkflowEnvironment();
        temporal.records.allowingBuildsPerUser(2);
        temporal.build.eachUntilFinished();
        temporal.start();
        String first = deploymentOf(DeployPlans.USER);
        String second = deploymentOf(DeployPlans.USER);
        String third = deploymentOf(DeployPlans.USER);
        String anotherUsers = deploymentOf("o3x8q1");
        start(first);
        start(second);
        awaitBuilding(first, second);

        start(third);

        await().atMost(SETTLES)
                .untilAsserted(
                        () ->
                                assertThat(temporal.records.events(third))
                                        .extracting(InMemoryDeploymentRecords.Event::message)
                                        .contains(
                                                "Waiting for a build slot: 2 of your builds are"
                                                        + " running (at most 2 at a time); this one"
                                                        + " starts when one of them ends"));
        start(anotherUsers);
        awaitBuilding(first, second, anotherUsers);
        assertThat(temporal.records.status(third)).isEqualTo(QUEUED);

        temporal.build.finish(first);

        awaitBuilding(second, third, anotherUsers);
        List.of(second, third, anotherUsers).forEach(temporal.build::finish);
        for (String deployment : List.of(first, second, third, anotherUsers)) {
            assertThat(result(deployment).status()).isEqualTo(DeploymentStatus.ACTIVE);
        }
        assertThat(temporal.records.statusPath(third))
                .containsExactly(QUEUED, BUILDING, DEPLOYING, ACTIVE);
        assertThat(temporal.records.events(third))
                .extracting(InMemoryDeploymentRecords.Event::step, e -> e.status())
                .containsExactly(
                        tuple("queued", "info"),
                        tuple("build", "started"),
                        tuple("build", "succeeded"),
                        tuple("deploy", "started"),
                        tuple("deploy", "succeeded"),
                        tuple("rollout", "started"),
                        tuple("rollout", "succeeded"),
                        tuple("active", "succeeded"));
    }

    @Test
    void cancellingADeploymentWaitingForABuildSlotEndsItCancelledWithoutABuild() {
        temporal = new DeployWorkflowEnvironment();
        temporal.records.allowingBuildsPerUser(1);
        temporal.build.eachUntilFinished();
        temporal.start();
        String running = deploymentOf(DeployPlans.USER);
        String waiting = deploymentOf(DeployPlans.USER);
        start(running);
        awaitBuilding(running);
        start(waiting);
        await().atMost(SETTLES).until(() -> !temporal.records.events(waiting).isEmpty());

        stub(waiting).cancel();

        await().atMost(SETTLES).until(() -> temporal.records.status(waiting) == CANCELLED);
        // Only now wait on results: that lets the test server skip time, which a held build's
        // heartbeat timeout must not see.
        temporal.build.finish(running);
        assertThatThrownBy(() -> result(waiting))
                .isInstanceOf(WorkflowFailedException.class)
                .hasCauseInstanceOf(CanceledFailure.class);
        assertThat(temporal.records.statusPath(waiting)).containsExactly(QUEUED, CANCELLED);
        assertThat(result(running).status()).isEqualTo(DeploymentStatus.ACTIVE);
        assertThat(temporal.build.calls())
                .extracting(BuildRequest::deploymentId)
                .containsExactly(running);
    }

    @Test
    void rollbackDeploysTheEarlierImageWithoutBuilding() {
        String earlierImage =
                "127.0.0.1:5000/dp-u7k2m9-shop/web:fedcba9876543210fedcba9876543210fedcba98";
        temporal = new DeployWorkflowEnvironment().start();
        temporal.records.add(DeployPlans.rollback(deploymentId, serviceId, earlierImage));

        DeployOutcome outcome =
                temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));

        assertThat(outcome.status()).isEqualTo(DeploymentStatus.ACTIVE);
        assertThat(temporal.build.calls()).isEmpty();
        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, DEPLOYING, ACTIVE);
        assertThat(temporal.workload.applied())
                .singleElement()
                .satisfies(apply -> assertThat(apply.imageRef()).isEqualTo(earlierImage));
    }

    @Test
    void applyIsRetriedAfterWorkerCrashAndTheDeploymentGoesActive() {
        deploysActiveOnTheSecondApply(workload -> workload.crashingOnFirstApplies(1));

        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, BUILDING, DEPLOYING, ACTIVE);
    }

    @Test
    void anApplyWhoseDeployerWentSilentIsRetriedAfterTheHeartbeatTimeout() {
        deploysActiveOnTheSecondApply(ScriptedWorkloadActivities::silentOnFirstApply);

        // The server's clock, not the test's: the second attempt came after the heartbeat
        // timeout and its first retry's wait, long before the apply's 5-minute start-to-close.
        assertThat(applyRetriedAfter(WorkflowIds.deploy(UUID.fromString(deploymentId))))
                .isBetween(
                        DeployActivityOptions.HEARTBEAT,
                        DeployActivityOptions.HEARTBEAT.plus(Duration.ofMinutes(1)));
    }

    /**
     * Deploys a build whose first apply goes as {@code firstApply} scripts it: the deployment ends
     * ACTIVE, applied once, by the second attempt.
     */
    private void deploysActiveOnTheSecondApply(Consumer<ScriptedWorkloadActivities> firstApply) {
        temporal = new DeployWorkflowEnvironment();
        firstApply.accept(temporal.workload);
        temporal.start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));

        DeployOutcome outcome =
                temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));

        assertThat(outcome.status()).isEqualTo(DeploymentStatus.ACTIVE);
        assertThat(temporal.workload.applyAttempts()).containsExactly(1, 2);
        assertThat(temporal.workload.applied()).hasSize(1);
    }

    /**
     * From the history: how long after the apply was scheduled its last attempt started (the test
     * server keeps no attempt's failure there, only the attempt count and the times).
     */
    private Duration applyRetriedAfter(String workflowId) {
        List<HistoryEvent> events = temporal.client.fetchHistory(workflowId).getEvents();
        HistoryEvent scheduled =
                events.stream()
                        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                        .filter(
                                event ->
                                        event.getActivityTaskScheduledEventAttributes()
                                                .getActivityType()
                                                .getName()
                                                .equals("ApplyWorkload"))
                        .findFirst()
                        .orElseThrow();
        HistoryEvent started =
                events.stream()
                        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
                        .filter(
                                event ->
                                        event.getActivityTaskStartedEventAttributes()
                                                        .getScheduledEventId()
                                                == scheduled.getEventId())
                        .findFirst()
                        .orElseThrow();
        assertThat(started.getActivityTaskStartedEventAttributes().getAttempt()).isEqualTo(2);
        return Duration.ofNanos(
                Durations.toNanos(
                        Timestamps.between(scheduled.getEventTime(), started.getEventTime())));
    }

    @Test
    void runOfADeploymentAlreadyCancelledStopsWithoutWritingOrBuilding() {
        temporal = new DeployWorkflowEnvironment().start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));
        temporal.records.markStatus(MarkStatusRequest.cancelled(deploymentId, "replaced"));

        DeployOutcome outcome =
                temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));

        assertThat(outcome)
                .isEqualTo(new DeployOutcome(deploymentId, DeploymentStatus.CANCELLED, null, null));
        assertThat(temporal.records.statusPath(deploymentId)).containsExactly(QUEUED, CANCELLED);
        assertThat(temporal.build.calls()).isEmpty();
    }
}
