package ink.ml.deploy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.deployments.RollbackTargets;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.worker.ProductPlaneFixtures;
import ink.ml.deploy.worker.deploy.DeployPlans;
import ink.ml.deploy.worker.deploy.ScriptedBuildActivities;
import ink.ml.deploy.worker.deploy.ScriptedWorkloadActivities;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.control.ControlAction;
import ink.ml.deploy.workflow.control.ControlRequest;
import ink.ml.deploy.workflow.control.DeploymentControlWorkflow;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API side of deployment requests against the real worker (the control, deploy, and delete
 * workflows and their product-plane activities on {@code default}), the real database and a real
 * Temporal server. The cluster's side (branch heads, build, workload) is scripted on {@code
 * deployer-eu-central-1}, through the same encrypting client.
 */
@QuarkusTest
@TestProfile(DeploymentControlTest.OwnTemporalServer.class)
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class DeploymentControlTest {
    /**
     * Its own application start, hence its own Temporal test server: the stand-in deployers this
     * class starts and stops leave polls on {@code deployer-eu-central-1} that the test server may
     * still hand a task to, which would swallow a build of another class that shares the server
     * (PushActivitiesImplTest counts on nobody polling that queue).
     */
    public static class OwnTemporalServer implements QuarkusTestProfile {}

    private static final Duration SETTLES = Duration.ofSeconds(60);

    @Inject DeploymentControl control;
    @Inject Deployments deployments;
    @Inject RollbackTargets rollbackTargets;
    @Inject DeploymentRecords records;
    @Inject Services services;
    @Inject WorkflowClient client;
    @Inject ControlConfig config;
    @Inject ProductPlaneFixtures fixtures;

    private final StandInBranchHeads heads = new StandInBranchHeads();
    private final ScriptedWorkloadActivities cluster = new ScriptedWorkloadActivities();
    private WorkerFactory deployer;

    /**
     * Waits until the stand-in's pollers have stopped: a poll still open when this test ends would
     * take a task of the next test's deployments (same queue) and lose it.
     */
    @AfterEach
    void stopScriptedDeployer() throws InterruptedException {
        if (deployer != null) {
            deployer.shutdown();
            deployer.awaitTermination(90, TimeUnit.SECONDS);
        }
    }

    private ScriptedBuildActivities startDeployer(ScriptedBuildActivities build) {
        deployer = WorkerFactory.newInstance(client);
        deployer.newWorker(
                        DeployPlans.DEPLOYER_QUEUE,
                        WorkerOptions.newBuilder()
                                // As the deployer-worker is configured: a cancelled build
                                // learns of it at its next heartbeat within two seconds.
                                .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(2))
                                .build())
                .registerActivitiesImplementations(heads, build.signallingThrough(client), cluster);
        deployer.start();
        return build;
    }

    @Test
    void deployLatestBuildsAndDeploysTheBranchHeadTheClusterReports() {
        ScriptedBuildActivities build = startDeployer(new ScriptedBuildActivities());
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        GitSha head = fixtures.randomSha();
        heads.push(repository, "main", head.value());

        DeploymentView deployment = control.deployLatest(caller, serviceId);

        assertThat(deployment.serviceId()).isEqualTo(serviceId.toString());
        assertThat(deployment.commitSha()).isEqualTo(head.value());
        assertThat(deployment.trigger()).isEqualTo("api");
        awaitStatus(deployment, DeploymentStatus.ACTIVE);
        assertThat(build.calls()).extracting(BuildRequest::commitSha).containsExactly(head.value());
    }

    @Test
    void aNewerDeployCancelsTheOneInFlightAndCancelStopsTheNewest() {
        startDeployer(new ScriptedBuildActivities().runningUntilCancelled());
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        heads.push(repository, "main", fixtures.randomSha().value());
        DeploymentView first = control.deployLatest(caller, serviceId);
        awaitStatus(first, DeploymentStatus.BUILDING);
        GitSha newer = fixtures.randomSha();
        heads.push(repository, "main", newer.value());

        DeploymentView second = control.deployLatest(caller, serviceId);

        assertThat(status(first)).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(second.commitSha()).isEqualTo(newer.value());
        awaitStatus(second, DeploymentStatus.BUILDING);

        control.cancel(caller, UUID.fromString(second.id()));

        awaitStatus(second, DeploymentStatus.CANCELLED);
        assertThat(deployments.latest(caller, serviceId.toString()).orElseThrow().id())
                .isEqualTo(second.id());
    }

    @Test
    void cancelAnswersOnceRequestedWhileTheBuildIsStillRunningAndTheDeploymentEndsCancelledLater()
            throws InterruptedException {
        ScriptedBuildActivities build =
                startDeployer(new ScriptedBuildActivities().heldUntilReleased());
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        heads.push(repository, "main", fixtures.randomSha().value());
        DeploymentView building = control.deployLatest(caller, serviceId);
        awaitStatus(building, DeploymentStatus.BUILDING);
        build.awaitStarted();

        DeploymentView answered = control.cancel(caller, UUID.fromString(building.id()));

        // The build cannot stop before it is released, so the answer came before the stop.
        assertThat(build.isHeld()).isTrue();
        assertThat(answered.status()).isEqualTo(DeploymentStatus.BUILDING.value());
        assertThat(events(caller, building))
                .last()
                .satisfies(
                        event -> {
                            assertThat(event.step()).isEqualTo("cancel");
                            assertThat(event.message())
                                    .isEqualTo(Deployments.CANCELLATION_REQUESTED);
                        });

        build.release();

        awaitStatus(building, DeploymentStatus.CANCELLED);
        assertThat(build.stoppedByCancellation()).isTrue();
        assertThat(events(caller, building))
                .extracting(DeploymentEventView::step, DeploymentEventView::status)
                .endsWith(tuple("cancel", "started"), tuple("cancel", "info"));
        assertThat(deployments.get(caller, building.id()).finishedAt()).isNotNull();
    }

    @Test
    void aUsersThirdBuildWaitsForASlotAndStartsWhenOneEndsWhileAnotherUsersBuildRuns() {
        ScriptedBuildActivities build =
                startDeployer(new ScriptedBuildActivities().eachUntilFinished());
        Caller caller = fixtures.newUser();
        DeploymentView first = deployNewService(caller, "one");
        awaitStatus(first, DeploymentStatus.BUILDING);
        DeploymentView second = deployNewService(caller, "two");
        awaitStatus(second, DeploymentStatus.BUILDING);

        DeploymentView third = deployNewService(caller, "three");

        await().atMost(SETTLES)
                .untilAsserted(
                        () ->
                                assertThat(events(caller, third))
                                        .extracting(DeploymentEventView::message)
                                        .anySatisfy(
                                                message ->
                                                        assertThat(message)
                                                                .startsWith(
                                                                        "Waiting for a build slot:"
                                                                                + " 2 of your builds"
                                                                                + " are running")));
        DeploymentView anotherUsers = deployNewService(fixtures.newUser(), "web");
        awaitStatus(anotherUsers, DeploymentStatus.BUILDING);
        assertThat(status(third)).isEqualTo(DeploymentStatus.QUEUED);

        build.finish(first.id());

        awaitStatus(first, DeploymentStatus.ACTIVE);
        awaitStatus(third, DeploymentStatus.BUILDING);
        for (DeploymentView deployment : List.of(second, third, anotherUsers)) {
            build.finish(deployment.id());
            awaitStatus(deployment, DeploymentStatus.ACTIVE);
        }
    }

    @Test
    void rollbackPutsAnEarlierImageBackWithoutABuildAndRedeployBuildsItsCommitAgain() {
        ScriptedBuildActivities build = startDeployer(new ScriptedBuildActivities());
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        GitSha good = fixtures.randomSha();
        heads.push(repository, "main", good.value());
        DeploymentView first = control.deployLatest(caller, serviceId);
        awaitStatus(first, DeploymentStatus.ACTIVE);
        heads.push(repository, "main", fixtures.randomSha().value());
        awaitStatus(control.deployLatest(caller, serviceId), DeploymentStatus.ACTIVE);
        int builds = build.calls().size();

        DeploymentView rollback = control.rollback(caller, UUID.fromString(first.id()));

        assertThat(rollback.trigger()).isEqualTo("rollback");
        assertThat(rollback.rollbackOf()).isEqualTo(first.id());
        awaitStatus(rollback, DeploymentStatus.ACTIVE);
        assertThat(deployments.get(caller, rollback.id()).imageRef())
                .isEqualTo(deployments.get(caller, first.id()).imageRef());
        assertThat(build.calls()).hasSize(builds);

        DeploymentView redeploy = control.redeploy(caller, UUID.fromString(first.id()));

        assertThat(redeploy.trigger()).isEqualTo("api");
        assertThat(redeploy.commitSha()).isEqualTo(good.value());
        awaitStatus(redeploy, DeploymentStatus.ACTIVE);
        assertThat(build.calls()).hasSize(builds + 1);
        assertThat(build.calls().get(builds).commitSha()).isEqualTo(good.value());
    }

    @Test
    void aBranchTheRepositoryDoesNotHaveIsAConflictNamingTheBranchAndRecordsNothing() {
        startDeployer(new ScriptedBuildActivities());
        Caller caller = fixtures.newUser();
        UUID serviceId =
                fixtures.githubService(
                        caller, "web", fixtures.uniqueRepository(), "main", Map.of());

        assertThatThrownBy(() -> control.deployLatest(caller, serviceId))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("branch");
                            assertThat(e.getMessage()).contains("branch main does not exist");
                        });
        assertThat(deployments.latest(caller, serviceId.toString())).isEmpty();
    }

    @Test
    void cancellingADeploymentThatEndedIsAConflict() {
        startDeployer(new ScriptedBuildActivities());
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        heads.push(repository, "main", fixtures.randomSha().value());
        DeploymentView active = control.deployLatest(caller, serviceId);
        awaitStatus(active, DeploymentStatus.ACTIVE);

        assertThatThrownBy(() -> control.cancel(caller, UUID.fromString(active.id())))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.getMessage()).contains("is already active"));
        assertThat(status(active)).isEqualTo(DeploymentStatus.ACTIVE);
    }

    @Test
    void anotherUserGetsNotFoundForEveryRequestAndNothingChanges() {
        startDeployer(new ScriptedBuildActivities().runningUntilCancelled());
        Caller owner = fixtures.newUser();
        Caller stranger = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(owner, "web", repository, "main", Map.of());
        heads.push(repository, "main", fixtures.randomSha().value());
        DeploymentView building = control.deployLatest(owner, serviceId);
        awaitStatus(building, DeploymentStatus.BUILDING);
        UUID deploymentId = UUID.fromString(building.id());

        assertThatThrownBy(() -> control.deployLatest(stranger, serviceId))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> control.redeploy(stranger, deploymentId))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> control.rollback(stranger, deploymentId))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> control.cancel(stranger, deploymentId))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> control.deleteService(stranger, serviceId))
                .isInstanceOf(NotFoundException.class);

        assertThat(allDeployments(owner, serviceId))
                .extracting(DeploymentView::id)
                .containsExactly(building.id());
        assertThat(status(building)).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(services.get(owner, serviceId.toString()).id()).isEqualTo(serviceId.toString());

        control.cancel(owner, deploymentId);
    }

    @Test
    void aRefusalInsideTheWorkflowComesBackAsThePlatformsOwnError() {
        Caller owner = fixtures.newUser();
        UUID serviceId =
                fixtures.githubService(owner, "web", fixtures.uniqueRepository(), "main", Map.of());
        DeploymentView active = activeDeploymentRecordedDirectly(owner, serviceId);
        // Straight to the workflow, past DeploymentControl's own checks: the activity acts for
        // the stranger and must refuse exactly as the platform does.
        DeploymentControlWorkflow workflow =
                client.newWorkflowStub(
                        DeploymentControlWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowId(WorkflowIds.control(UUID.randomUUID()))
                                .setWorkflowExecutionTimeout(SETTLES)
                                .build());
        ControlRequest strangersRollback =
                ControlRequest.forDeployment(
                        ControlAction.ROLLBACK, fixtures.newUser().id(), active.id());

        assertThatThrownBy(() -> workflow.control(strangersRollback))
                .isInstanceOfSatisfying(
                        WorkflowFailedException.class,
                        failed ->
                                assertThat(ControlFailureTranslation.translate(failed))
                                        .isInstanceOf(NotFoundException.class)
                                        .hasMessage("deployment " + active.id() + " not found"));
        assertThat(allDeployments(owner, serviceId))
                .extracting(DeploymentView::id)
                .containsExactly(active.id());
    }

    @Test
    void deleteServiceRemovesTheWorkloadThroughTheDeleteWorkflow() {
        startDeployer(new ScriptedBuildActivities());
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        heads.push(repository, "main", fixtures.randomSha().value());
        DeploymentView live = control.deployLatest(caller, serviceId);
        awaitStatus(live, DeploymentStatus.ACTIVE);

        control.deleteService(caller, serviceId);

        awaitStatus(live, DeploymentStatus.REMOVED);
        assertThatThrownBy(() -> services.get(caller, serviceId.toString()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> control.deleteService(caller, serviceId))
                .isInstanceOf(NotFoundException.class);
        assertThat(cluster.deleted())
                .singleElement()
                .satisfies(d -> assertThat(d.service()).isEqualTo("web"));
    }

    @Test
    void whenTemporalCannotBeReachedEveryRequestIsUnavailableAndNothingIsWritten() {
        Caller caller = fixtures.newUser();
        UUID serviceId =
                fixtures.githubService(
                        caller, "web", fixtures.uniqueRepository(), "main", Map.of());
        DeploymentView active = activeDeploymentRecordedDirectly(caller, serviceId);
        DeploymentView queued =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        List<DeploymentView> before = allDeployments(caller, serviceId);
        WorkflowServiceStubs unreachable =
                WorkflowServiceStubs.newServiceStubs(
                        WorkflowServiceStubsOptions.newBuilder()
                                .setTarget("127.0.0.1:" + closedPort())
                                .build());
        DeploymentControl offline =
                new DeploymentControl(
                        WorkflowClient.newInstance(unreachable),
                        services,
                        deployments,
                        rollbackTargets,
                        config);
        try {
            UUID activeId = UUID.fromString(active.id());
            UUID queuedId = UUID.fromString(queued.id());
            assertNotStarted(() -> offline.deployLatest(caller, serviceId));
            assertNotStarted(() -> offline.redeploy(caller, activeId));
            assertNotStarted(() -> offline.rollback(caller, activeId));
            assertNotStarted(() -> offline.cancel(caller, queuedId));
            assertNotStarted(() -> offline.deleteService(caller, serviceId));
            assertNotStarted(offline::ensureReachable);
        } finally {
            unreachable.shutdownNow();
        }

        assertThat(allDeployments(caller, serviceId)).isEqualTo(before);
        control.ensureReachable();
        assertThat(services.get(caller, serviceId.toString()).id()).isEqualTo(serviceId.toString());
        // The ownership checks run first and need no Temporal: a stranger still hears "not found".
        assertThatThrownBy(() -> offline.deployLatest(fixtures.newUser(), serviceId))
                .isInstanceOf(NotFoundException.class);
    }

    private static void assertNotStarted(Runnable request) {
        assertThatThrownBy(request::run)
                .isInstanceOfSatisfying(
                        ControlPlaneUnavailableException.class,
                        e -> {
                            assertThat(e.outcome())
                                    .isEqualTo(
                                            ControlPlaneUnavailableException.Outcome.NOT_STARTED);
                            assertThat(e.getMessage()).contains("nothing was started or changed");
                        });
    }

    private DeploymentView activeDeploymentRecordedDirectly(Caller caller, UUID serviceId) {
        GitSha commit = fixtures.randomSha();
        UUID id =
                UUID.fromString(
                        deployments.record(caller, NewDeployment.api(serviceId, commit)).id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.setImage(
                id,
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"),
                        records.snapshotFor(id).service(),
                        commit));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        return records.transition(id, DeploymentStatus.ACTIVE, Optional.empty(), Optional.empty());
    }

    /** A new GitHub service of the caller, deployed at a fresh commit through the API. */
    private DeploymentView deployNewService(Caller caller, String name) {
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, name, repository, "main", Map.of());
        heads.push(repository, "main", fixtures.randomSha().value());
        return control.deployLatest(caller, serviceId);
    }

    private List<DeploymentEventView> events(Caller caller, DeploymentView deployment) {
        return deployments.events(caller, deployment.id(), 0, Deployments.MAX_READ_LIMIT);
    }

    private List<DeploymentView> allDeployments(Caller caller, UUID serviceId) {
        return deployments
                .list(caller, serviceId.toString(), PageRequest.of(PageRequest.MAX_SIZE, null))
                .items();
    }

    private void awaitStatus(DeploymentView deployment, DeploymentStatus expected) {
        await().atMost(SETTLES).until(() -> status(deployment) == expected);
    }

    private DeploymentStatus status(DeploymentView deployment) {
        return records.statusOf(UUID.fromString(deployment.id()));
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
