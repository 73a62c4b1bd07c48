package ink.ml.deploy.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentEventView;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.worker.ProductPlaneFixtures;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.runtime.RuntimeCondition;
import ink.ml.deploy.workflow.runtime.RuntimeStatusChange;
import ink.ml.deploy.workflow.runtime.RuntimeStatusOutcome;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import ink.ml.deploy.workflow.runtime.RuntimeStatusWorkflow;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Runtime reports through the real worker on {@code default}, the real Temporal test server and the
 * real product-plane database.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class RuntimeStatusWorkflowImplTest {
    private static final String OOM = "OOMKilled: the app used more memory than its plan (512 Mi)";

    @Inject WorkflowClient client;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject ProductPlaneFixtures fixtures;

    @Test
    void crashReportMovesAnActiveDeploymentToCrashedWithTheReasonAsEvent() {
        Caller caller = fixtures.newUser();
        UUID live = activeDeployment(caller, newService(caller));

        RuntimeStatusOutcome outcome = record(report(live, RuntimeCondition.CRASHED, OOM));

        assertThat(outcome)
                .isEqualTo(new RuntimeStatusOutcome(RuntimeStatusChange.MOVED, "crashed"));
        assertThat(records.statusOf(live)).isEqualTo(DeploymentStatus.CRASHED);
        assertThat(deployments.get(caller, live.toString()).status()).isEqualTo("crashed");
        DeploymentEventView event = lastEvent(caller, live);
        assertThat(event.step()).isEqualTo("active");
        assertThat(event.status()).isEqualTo("failed");
        assertThat(event.message()).isEqualTo("Crashed: " + OOM);
    }

    @Test
    void runningReportMovesACrashedDeploymentBackToActive() {
        Caller caller = fixtures.newUser();
        UUID live = activeDeployment(caller, newService(caller));
        record(report(live, RuntimeCondition.CRASHED, OOM));

        RuntimeStatusOutcome outcome =
                record(report(live, RuntimeCondition.RUNNING, "ready and no longer restarting"));

        assertThat(outcome)
                .isEqualTo(new RuntimeStatusOutcome(RuntimeStatusChange.MOVED, "active"));
        assertThat(records.statusOf(live)).isEqualTo(DeploymentStatus.ACTIVE);
        DeploymentEventView event = lastEvent(caller, live);
        assertThat(event.status()).isEqualTo("succeeded");
        assertThat(event.message()).isEqualTo("Running again: ready and no longer restarting");
    }

    @Test
    void reportAboutASupersededDeploymentChangesNothing() {
        Caller caller = fixtures.newUser();
        UUID serviceId = newService(caller);
        UUID old = activeDeployment(caller, serviceId);
        UUID newer = activeDeployment(caller, serviceId);
        int eventsBefore = events(caller, old).size();

        RuntimeStatusOutcome outcome = record(report(old, RuntimeCondition.CRASHED, OOM));

        assertThat(outcome)
                .isEqualTo(new RuntimeStatusOutcome(RuntimeStatusChange.NOT_LIVE, "superseded"));
        assertThat(records.statusOf(old)).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(records.statusOf(newer)).isEqualTo(DeploymentStatus.ACTIVE);
        assertThat(events(caller, old)).hasSize(eventsBefore);
    }

    @Test
    void sameReportStartedTwiceRecordsOnce() {
        Caller caller = fixtures.newUser();
        UUID live = activeDeployment(caller, newService(caller));
        RuntimeStatusReport crash = report(live, RuntimeCondition.CRASHED, OOM);
        record(crash);
        int eventsAfterFirst = events(caller, live).size();

        assertThatThrownBy(() -> WorkflowClient.start(stub(crash)::record, crash))
                .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        assertThat(records.statusOf(live)).isEqualTo(DeploymentStatus.CRASHED);
        assertThat(events(caller, live)).hasSize(eventsAfterFirst);
    }

    @Test
    void laterObservationOfTheSameStateChangesNothing() {
        Caller caller = fixtures.newUser();
        UUID live = activeDeployment(caller, newService(caller));
        record(report(live, RuntimeCondition.CRASHED, OOM));
        int eventsAfterFirst = events(caller, live).size();

        RuntimeStatusOutcome again =
                record(
                        new RuntimeStatusReport(
                                live.toString(),
                                RuntimeCondition.CRASHED,
                                OOM,
                                Instant.parse("2026-12-06T10:00:10Z")));

        assertThat(again)
                .isEqualTo(new RuntimeStatusOutcome(RuntimeStatusChange.ALREADY, "crashed"));
        assertThat(events(caller, live)).hasSize(eventsAfterFirst);
    }

    @Test
    void reportAboutADeploymentThatDoesNotExistIsIgnored() {
        RuntimeStatusOutcome outcome =
                record(report(UUID.randomUUID(), RuntimeCondition.CRASHED, OOM));

        assertThat(outcome)
                .isEqualTo(new RuntimeStatusOutcome(RuntimeStatusChange.NOT_FOUND, null));
    }

    private RuntimeStatusOutcome record(RuntimeStatusReport report) {
        return stub(report).record(report);
    }

    private RuntimeStatusWorkflow stub(RuntimeStatusReport report) {
        return client.newWorkflowStub(
                RuntimeStatusWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(WorkflowIds.runtimeStatus(report))
                        .setWorkflowIdReusePolicy(
                                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setWorkflowExecutionTimeout(Duration.ofSeconds(60))
                        .build());
    }

    private static RuntimeStatusReport report(
            UUID deployment, RuntimeCondition condition, String reason) {
        return new RuntimeStatusReport(
                deployment.toString(), condition, reason, Instant.parse("2026-12-06T10:00:00Z"));
    }

    private UUID newService(Caller caller) {
        return fixtures.githubService(caller, "web", fixtures.uniqueRepository(), "main", Map.of());
    }

    private List<DeploymentEventView> events(Caller caller, UUID deployment) {
        return deployments.events(caller, deployment.toString(), 0, Deployments.MAX_READ_LIMIT);
    }

    private DeploymentEventView lastEvent(Caller caller, UUID deployment) {
        List<DeploymentEventView> events = events(caller, deployment);
        return events.get(events.size() - 1);
    }

    private UUID activeDeployment(Caller caller, UUID serviceId) {
        var sha = fixtures.randomSha();
        UUID id =
                UUID.fromString(deployments.record(caller, NewDeployment.api(serviceId, sha)).id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.setImage(
                id,
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"), records.snapshotFor(id).service(), sha));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        records.transition(id, DeploymentStatus.ACTIVE, Optional.empty(), Optional.empty());
        return id;
    }
}
