package ink.ml.deploy.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ink.ml.deploy.domain.BuildFingerprint;
import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.LogLineView;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.services.UpdateServiceRequest;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.PrometheusText;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.worker.ProductPlaneFixtures;
import ink.ml.deploy.workflow.deploy.AppendBuildLogRequest;
import ink.ml.deploy.workflow.deploy.AppendEventRequest;
import ink.ml.deploy.workflow.deploy.DeploymentPlan;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import ink.ml.deploy.workflow.deploy.LoadPlanRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusRequest;
import ink.ml.deploy.workflow.deploy.RecordImageRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deploy workflow's database activities against the real product-plane schema. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class DeploymentRecordActivitiesImplTest {
    @Inject DeploymentRecordActivitiesImpl activities;
    @Inject Deployments deployments;
    @Inject ProductPlaneFixtures fixtures;
    @Inject Services services;

    private Caller caller;
    private GitSha sha;
    private String deploymentId;

    @BeforeEach
    void queuedDeployment() {
        caller = fixtures.newUser();
        UUID serviceId =
                fixtures.githubService(
                        caller,
                        "web",
                        fixtures.uniqueRepository(),
                        "main",
                        Map.of("API_TOKEN", "t0ken-value"));
        sha = fixtures.randomSha();
        deploymentId = deployments.record(caller, NewDeployment.api(serviceId, sha)).id();
    }

    @Test
    void planNamesAnInternalRepositoryByItsGitServerPath() {
        UUID serviceId = fixtures.internalService(caller, "api", "code", "main");
        String internal = deployments.record(caller, NewDeployment.api(serviceId, sha)).id();

        DeploymentPlan plan = activities.loadPlan(new LoadPlanRequest(internal));

        assertThat(plan.source().kind()).isEqualTo(SourceKind.INTERNAL);
        assertThat(plan.source().repository())
                .isEqualTo(caller.id() + "/" + plan.target().project() + "/code");
        assertThat(plan.source().installationId()).isNull();
    }

    @Test
    void planCarriesTheSnapshotTheDecryptedVariablesAndTheImageToPush() {
        DeploymentPlan plan = activities.loadPlan(new LoadPlanRequest(deploymentId));

        assertThat(plan.deploymentId()).isEqualTo(deploymentId);
        assertThat(plan.target().region()).isEqualTo("eu-central-1");
        assertThat(plan.source().kind()).isEqualTo(SourceKind.GITHUB);
        assertThat(plan.source().commitSha()).isEqualTo(sha.value());
        assertThat(plan.runtime().env()).containsEntry("API_TOKEN", "t0ken-value");
        assertThat(plan.needsBuild()).isTrue();
        assertThat(plan.image())
                .isEqualTo(
                        "127.0.0.1:5000/dp-"
                                + caller.id()
                                + "-"
                                + plan.target().project()
                                + "/web:"
                                + sha.value()
                                + "-"
                                + BuildSettings.of("auto", "", "Dockerfile", null, null, null)
                                        .fingerprint()
                                        .value());
        assertThat(plan.build().strategy()).isEqualTo(BuildStrategy.AUTO);
        assertThat(plan.toString()).doesNotContain("t0ken-value");
    }

    @Test
    void planCarriesTheServicesBuildSettingsAndOnlyEqualSettingsNameTheSameImage() {
        DeploymentPlan before = activities.loadPlan(new LoadPlanRequest(deploymentId));
        UUID serviceId = UUID.fromString(before.target().serviceId());
        // One deployment in flight per service: each plan below is loaded, then its run ends.
        activities.markStatus(MarkStatusRequest.cancelled(deploymentId, "Cancelled"));
        services.update(
                caller,
                serviceId.toString(),
                UpdateServiceRequest.builder()
                        .buildStrategy("node")
                        .rootDirectory("apps/web")
                        .installCommand("npm ci")
                        .startCommand("node server.js")
                        .build());

        DeploymentPlan node =
                activities.loadPlan(
                        new LoadPlanRequest(
                                deployments
                                        .record(caller, NewDeployment.api(serviceId, sha))
                                        .id()));

        assertThat(node.build().strategy()).isEqualTo(BuildStrategy.NODE);
        assertThat(node.build().rootDirectory()).isEqualTo("apps/web");
        assertThat(node.build().dockerfilePath()).isEqualTo("Dockerfile");
        assertThat(node.build().installCommand()).isEqualTo("npm ci");
        assertThat(node.build().buildCommand()).isNull();
        assertThat(node.build().startCommand()).isEqualTo("node server.js");
        assertThat(node.source().commitSha()).isEqualTo(before.source().commitSha());
        assertThat(node.image())
                .as("the same commit with other settings is another image")
                .isNotEqualTo(before.image())
                .startsWith(before.image().substring(0, before.image().lastIndexOf('-')));
        activities.markStatus(MarkStatusRequest.cancelled(node.deploymentId(), "Cancelled"));

        services.update(
                caller,
                serviceId.toString(),
                UpdateServiceRequest.builder()
                        .buildStrategy("auto")
                        .rootDirectory("")
                        .installCommand("")
                        .startCommand("")
                        .build());
        DeploymentPlan back =
                activities.loadPlan(
                        new LoadPlanRequest(
                                deployments
                                        .record(caller, NewDeployment.api(serviceId, sha))
                                        .id()));
        assertThat(back.image())
                .as("the same commit with the same settings is the same image, so it is reused")
                .isEqualTo(before.image());
    }

    @Test
    void anImageTaggedWithTheShaAloneIsStillThisDeploymentsButNotOneOfOtherSettings() {
        activities.markStatus(
                MarkStatusRequest.moving(
                        deploymentId, DeploymentStatus.BUILDING, DeploymentStep.BUILD, "Building"));
        String own = activities.loadPlan(new LoadPlanRequest(deploymentId)).image();
        String shaOnly = own.substring(0, own.lastIndexOf('-'));
        String otherSettings = shaOnly + "-" + "0".repeat(BuildFingerprint.LENGTH);

        ApplicationFailure refused =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () ->
                                activities.recordImage(
                                        new RecordImageRequest(deploymentId, otherSettings)));
        activities.recordImage(new RecordImageRequest(deploymentId, shaOnly));

        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(refused.getMessage()).contains("not an image of this deployment");
        assertThat(deployments.get(caller, deploymentId).imageRef()).isEqualTo(shaOnly);
    }

    @Test
    void retriedStatusMoveIsStoredOnceWithOneEvent() {
        MarkStatusRequest building =
                MarkStatusRequest.moving(
                        deploymentId, DeploymentStatus.BUILDING, DeploymentStep.BUILD, "Building");

        activities.markStatus(building);
        activities.markStatus(building);

        assertThat(deployments.get(caller, deploymentId).status()).isEqualTo("building");
        assertThat(events())
                .extracting(DeploymentEventView::step, DeploymentEventView::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("queued", "info"),
                        org.assertj.core.groups.Tuple.tuple("build", "started"));
    }

    @Test
    void endedRunIsCountedOnceByItsOutcomeWhenTheMoveIsRetried() {
        double before = cancelledRuns();

        activities.markStatus(MarkStatusRequest.cancelled(deploymentId, "replaced"));
        activities.markStatus(MarkStatusRequest.cancelled(deploymentId, "replaced"));

        assertThat(cancelledRuns()).isEqualTo(before + 1);
    }

    @Test
    void movesOfARunStillInFlightAreNoOutcome() {
        String before = PrometheusText.scrape();

        activities.markStatus(
                MarkStatusRequest.moving(
                        deploymentId, DeploymentStatus.BUILDING, DeploymentStep.BUILD, "Building"));

        assertThat(
                        PrometheusText.value(
                                PrometheusText.scrape(), "mcpdeploy_deployments_total", Map.of()))
                .isEqualTo(PrometheusText.value(before, "mcpdeploy_deployments_total", Map.of()));
    }

    private static double cancelledRuns() {
        return PrometheusText.value(
                PrometheusText.scrape(),
                "mcpdeploy_deployments_total",
                Map.of("outcome", "cancelled"));
    }

    @Test
    void refusedStatusMoveIsANonRetryableStaleDeployment() {
        activities.markStatus(MarkStatusRequest.cancelled(deploymentId, "replaced"));

        ApplicationFailure failure =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () ->
                                activities.markStatus(
                                        MarkStatusRequest.moving(
                                                deploymentId,
                                                DeploymentStatus.BUILDING,
                                                DeploymentStep.BUILD,
                                                "Building")));

        assertThat(failure.getType()).isEqualTo(DeploymentRecordActivities.STALE_DEPLOYMENT);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getDetails().get(String.class)).isEqualTo("cancelled");
        assertThat(deployments.get(caller, deploymentId).status()).isEqualTo("cancelled");
    }

    @Test
    void failedMoveStoresTheStepAndTheReason() {
        activities.markStatus(
                MarkStatusRequest.moving(
                        deploymentId, DeploymentStatus.BUILDING, DeploymentStep.BUILD, "Building"));

        activities.markStatus(
                MarkStatusRequest.failed(
                        deploymentId, DeploymentStep.BUILD, "no Dockerfile at Dockerfile"));

        var failed = deployments.get(caller, deploymentId);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.errorStep()).isEqualTo("build");
        assertThat(failed.errorMessage()).isEqualTo("no Dockerfile at Dockerfile");
        assertThat(events()).last().extracting(DeploymentEventView::status).isEqualTo("failed");
    }

    @Test
    void imageOfAnotherServiceIsRefusedAndTheOwnImageIsRecorded() {
        activities.markStatus(
                MarkStatusRequest.moving(
                        deploymentId, DeploymentStatus.BUILDING, DeploymentStep.BUILD, "Building"));
        String own = activities.loadPlan(new LoadPlanRequest(deploymentId)).image();

        ApplicationFailure refused =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () ->
                                activities.recordImage(
                                        new RecordImageRequest(
                                                deploymentId,
                                                "127.0.0.1:5000/dp-other-x/web:" + sha.value())));
        activities.recordImage(new RecordImageRequest(deploymentId, own));
        activities.recordImage(new RecordImageRequest(deploymentId, own));

        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(deployments.get(caller, deploymentId).imageRef()).isEqualTo(own);
    }

    @Test
    void imageRecordedTwiceWithItsBuiltEventStoresTheEventOnce() {
        activities.markStatus(
                MarkStatusRequest.moving(
                        deploymentId, DeploymentStatus.BUILDING, DeploymentStep.BUILD, "Building"));
        String own = activities.loadPlan(new LoadPlanRequest(deploymentId)).image();

        activities.recordImage(new RecordImageRequest(deploymentId, own, "Built and pushed"));
        activities.recordImage(new RecordImageRequest(deploymentId, own, "Built and pushed"));

        assertThat(deployments.get(caller, deploymentId).imageRef()).isEqualTo(own);
        assertThat(events())
                .filteredOn(event -> event.step().equals("build"))
                .extracting(DeploymentEventView::status, DeploymentEventView::message)
                .containsExactly(
                        tuple("started", "Building"), tuple("succeeded", "Built and pushed"));
    }

    @Test
    void buildOutputSentTwiceIsStoredOnceInOrder() {
        activities.appendBuildLog(new AppendBuildLogRequest(deploymentId, 1, List.of("a", "b")));
        activities.appendBuildLog(new AppendBuildLogRequest(deploymentId, 1, List.of("a", "b")));
        activities.appendBuildLog(new AppendBuildLogRequest(deploymentId, 3, List.of("c")));

        assertThat(deployments.logLines(caller, deploymentId, 0, 100))
                .extracting(LogLineView::line)
                .containsExactly("a", "b", "c");
    }

    @Test
    void eventWrittenAgainWithItsKeyIsStoredOnceWhileEventsWithoutAKeyAreEachStored() {
        AppendEventRequest applied =
                new AppendEventRequest(
                        deploymentId,
                        DeploymentStep.DEPLOY,
                        EventStatus.SUCCEEDED,
                        "Workload applied",
                        "0b5c1c1e-4f0e-4d54-9a57-3c2f4f0a0001");
        AppendEventRequest rollout =
                new AppendEventRequest(
                        deploymentId,
                        DeploymentStep.ROLLOUT,
                        EventStatus.STARTED,
                        "Waiting",
                        "0b5c1c1e-4f0e-4d54-9a57-3c2f4f0a0002");

        // A worker that died after these writes runs them again when the workflow replays.
        activities.appendEvent(applied);
        activities.appendEvent(rollout);
        activities.appendEvent(applied);
        activities.appendEvent(rollout);
        activities.appendEvent(
                new AppendEventRequest(
                        deploymentId, DeploymentStep.BUILD, EventStatus.INFO, "Unkeyed"));
        activities.appendEvent(
                new AppendEventRequest(
                        deploymentId, DeploymentStep.BUILD, EventStatus.INFO, "Unkeyed"));

        assertThat(events())
                .extracting(DeploymentEventView::step, DeploymentEventView::message)
                .containsExactly(
                        tuple("queued", "queued: deploy requested"),
                        tuple("deploy", "Workload applied"),
                        tuple("rollout", "Waiting"),
                        tuple("build", "Unkeyed"),
                        tuple("build", "Unkeyed"));
    }

    @Test
    void eventKeyLongerThanTheColumnIsANonRetryableInvalidRecord() {
        ApplicationFailure refused =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () ->
                                activities.appendEvent(
                                        new AppendEventRequest(
                                                deploymentId,
                                                DeploymentStep.DEPLOY,
                                                EventStatus.INFO,
                                                "m",
                                                "k".repeat(101))));

        assertThat(refused.getType()).isEqualTo(RecordFailures.INVALID_RECORD);
        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(refused.getOriginalMessage()).contains("eventKey");
    }

    private List<DeploymentEventView> events() {
        return deployments.events(caller, deploymentId, 0, 100);
    }
}
