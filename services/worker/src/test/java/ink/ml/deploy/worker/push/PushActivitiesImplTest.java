package ink.ml.deploy.worker.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.worker.ProductPlaneFixtures;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.deploy.DeployOutcome;
import ink.ml.deploy.workflow.push.FindTrackingServicesRequest;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.TrackedBranchRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pushes through the real worker (workflows and activities on {@code default}), the real database
 * and a real Temporal server. No deployer polls {@code deployer-eu-central-1} here, so a build
 * stays scheduled until something cancels it.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class PushActivitiesImplTest {
    @Inject PushActivitiesImpl activities;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject Services services;
    @Inject WorkflowClient client;
    @Inject ProductPlaneFixtures fixtures;

    @Test
    void findsTheLiveServicesTrackingTheBranchIgnoringTheRepositoryCase() {
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID web = fixtures.githubService(caller, "web", repository, "main", Map.of());
        UUID api =
                fixtures.githubService(caller, "api", repository.toUpperCase(), "main", Map.of());
        fixtures.githubService(caller, "staging", repository, "staging", Map.of());
        UUID gone = fixtures.githubService(caller, "gone", repository, "main", Map.of());
        services.delete(caller, gone.toString());

        List<String> tracking =
                activities
                        .findTrackingServices(
                                new FindTrackingServicesRequest("github", repository, "main"))
                        .serviceIds();

        assertThat(tracking).containsExactly(web.toString(), api.toString());
    }

    @Test
    void findsTheServicesTrackingAnInternalRepositoryByItsGitServerPath() {
        Caller caller = fixtures.newUser();
        UUID web = fixtures.internalService(caller, "web", "code", "main");
        fixtures.internalService(caller, "docs", "docs", "main");

        List<String> tracking =
                activities
                        .findTrackingServices(
                                new FindTrackingServicesRequest(
                                        "git-server", caller.id() + "/default/code", "main"))
                        .serviceIds();

        assertThat(tracking).containsExactly(web.toString());
    }

    @Test
    void trackedBranchOfAnInternalServiceNamesItsGitServerPathAndRegion() {
        Caller caller = fixtures.newUser();
        UUID web = fixtures.internalService(caller, "web", "code", "main");

        BranchSource source = activities.trackedBranch(new TrackedBranchRequest(web.toString()));

        assertThat(source)
                .isEqualTo(
                        new BranchSource(
                                "eu-central-1",
                                SourceKind.INTERNAL,
                                caller.id() + "/default/code",
                                null,
                                "main"));
    }

    @Test
    void trackedBranchOfAGithubServiceWithoutInstallationHasNone() {
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID web = fixtures.githubService(caller, "web", repository, "release", Map.of());

        BranchSource source = activities.trackedBranch(new TrackedBranchRequest(web.toString()));

        assertThat(source)
                .isEqualTo(
                        new BranchSource(
                                "eu-central-1", SourceKind.GITHUB, repository, null, "release"));
    }

    @Test
    void deletedServiceHasNoTrackedBranchAndIsNotRetried() {
        Caller caller = fixtures.newUser();
        UUID gone =
                fixtures.githubService(
                        caller, "gone", fixtures.uniqueRepository(), "main", Map.of());
        services.delete(caller, gone.toString());

        assertThatThrownBy(
                        () -> activities.trackedBranch(new TrackedBranchRequest(gone.toString())))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType())
                                    .isEqualTo(PushActivitiesImpl.SERVICE_GONE);
                            assertThat(failure.isNonRetryable()).isTrue();
                        });
    }

    @Test
    void newerPushCancelsTheInFlightDeploymentBeforeRecordingItsOwn() {
        Caller caller = fixtures.newUser();
        String repository = fixtures.uniqueRepository();
        UUID serviceId = fixtures.githubService(caller, "web", repository, "main", Map.of());
        GitSha first = fixtures.randomSha();
        GitSha second = fixtures.randomSha();

        String firstDeployment = push(repository, first).get(0);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> status(firstDeployment) == DeploymentStatus.BUILDING);
        String secondDeployment = push(repository, second).get(0);

        assertThat(status(firstDeployment)).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(deployments.events(caller, firstDeployment, 0, 100))
                .extracting(DeploymentEventView::step)
                .containsExactly("queued", "build", "cancel");
        assertThatThrownBy(() -> deployResult(firstDeployment))
                .isInstanceOf(WorkflowFailedException.class)
                .hasCauseInstanceOf(CanceledFailure.class);
        var newest = records.latestOf(serviceId).orElseThrow();
        assertThat(newest.id()).isEqualTo(secondDeployment);
        assertThat(newest.commitSha()).isEqualTo(second.value());
        assertThat(DeploymentStatus.fromValue(newest.status()).isInFlight()).isTrue();

        // Leave nothing running for the other tests: terminated at once, rather than cancelled,
        // whose end depends on a build activity that a stand-in deployer of another test class may
        // have picked up (and on the Temporal test server, which can leave a workflow stuck when
        // the cancellation races the build's completion).
        client.newUntypedWorkflowStub(deployWorkflowId(secondDeployment)).terminate("test cleanup");
    }

    private List<String> push(String repository, GitSha sha) {
        String delivery = UUID.randomUUID().toString();
        GitPushWorkflow workflow =
                client.newWorkflowStub(
                        GitPushWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowId("push-github-" + delivery)
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(60))
                                .build());
        return workflow.handle(new PushEvent("github", delivery, repository, "main", sha.value()))
                .deploymentIds();
    }

    private DeploymentStatus status(String deploymentId) {
        return records.statusOf(UUID.fromString(deploymentId));
    }

    private DeployOutcome deployResult(String deploymentId) {
        return client.newUntypedWorkflowStub(deployWorkflowId(deploymentId))
                .getResult(DeployOutcome.class);
    }

    private static String deployWorkflowId(String deploymentId) {
        return WorkflowIds.deploy(UUID.fromString(deploymentId));
    }
}
