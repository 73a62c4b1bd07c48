package ink.ml.deploy.deployer.worker.run.status;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.runtime.RuntimeCondition;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reporter against the real Temporal test server, through the service's own (encrypting)
 * client. Nothing polls {@code default} here: the test reads what was started from its history, and
 * terminates it. The worker's side is tested in services/worker (RuntimeStatusWorkflowImplTest).
 */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class TemporalRuntimeStatusReporterTest {
    private static final Instant SEEN = Instant.parse("2026-12-06T10:00:00.123456Z");

    @Inject WorkflowClient client;
    @Inject RuntimeStatusReporter injected;

    private final List<String> started = new ArrayList<>();

    @AfterEach
    void terminateStartedWorkflows() {
        started.forEach(id -> client.newUntypedWorkflowStub(id).terminate("test over"));
    }

    @Test
    void theServicesReporterStartsWorkflowsThroughTemporal() {
        assertThat(injected).isInstanceOf(TemporalRuntimeStatusReporter.class);
    }

    @Test
    void reportStartsTheRuntimeStatusWorkflowOnTheDefaultQueueNamedByTheReport() {
        String deployment = UUID.randomUUID().toString();
        TemporalRuntimeStatusReporter reporter =
                new TemporalRuntimeStatusReporter(client, Clock.fixed(SEEN, ZoneOffset.UTC));

        reporter.report(
                DeploymentId.of(deployment),
                RuntimeState.CRASHED,
                "CrashLoopBackOff: exited with code 1, restarted 4 times");

        RuntimeStatusReport expected =
                new RuntimeStatusReport(
                        deployment,
                        RuntimeCondition.CRASHED,
                        "CrashLoopBackOff: exited with code 1, restarted 4 times",
                        Instant.parse("2026-12-06T10:00:00.123Z"));
        String workflowId = WorkflowIds.runtimeStatus(expected);
        started.add(workflowId);
        WorkflowExecutionStartedEventAttributes start = startOf(workflowId);
        assertThat(workflowId)
                .isEqualTo("runtime-" + deployment + "-crashed-" + SEEN.toEpochMilli());
        assertThat(start.getWorkflowType().getName()).isEqualTo("RuntimeStatusWorkflow");
        assertThat(start.getTaskQueue().getName()).isEqualTo(TaskQueues.DEFAULT);
        assertThat(inputOf(start)).isEqualTo(expected);
    }

    @Test
    void sameReportSentTwiceStartsOneWorkflowAndDoesNotFail() {
        TemporalRuntimeStatusReporter reporter = new TemporalRuntimeStatusReporter(client);
        RuntimeStatusReport report =
                new RuntimeStatusReport(
                        UUID.randomUUID().toString(),
                        RuntimeCondition.RUNNING,
                        "the app is ready and not restarting",
                        Instant.parse("2026-12-06T10:00:10Z"));
        String workflowId = WorkflowIds.runtimeStatus(report);
        started.add(workflowId);

        reporter.report(report);
        String firstRun = client.newUntypedWorkflowStub(workflowId).getExecution().getRunId();
        reporter.report(report);

        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        assertThat(stub.getExecution().getRunId()).isEqualTo(firstRun);
    }

    private WorkflowExecutionStartedEventAttributes startOf(String workflowId) {
        HistoryEvent first = client.fetchHistory(workflowId).getEvents().get(0);
        return first.getWorkflowExecutionStartedEventAttributes();
    }

    private RuntimeStatusReport inputOf(WorkflowExecutionStartedEventAttributes start) {
        Payloads input = start.getInput();
        return client.getOptions()
                .getDataConverter()
                .fromPayloads(
                        0,
                        Optional.of(input),
                        RuntimeStatusReport.class,
                        RuntimeStatusReport.class);
    }
}
