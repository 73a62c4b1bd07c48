package ink.ml.deploy.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.PrometheusText;
import ink.ml.deploy.testing.ServiceProbes;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.metrics.PlatformMeters;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class TemporalWorkerTest {

    @Inject WorkflowClient client;

    @Test
    void readinessIsUpWithDatabaseAndTemporalChecks() {
        JsonPath ready = ServiceProbes.readiness();
        ServiceProbes.assertDatabaseCheckUp(ready);
        ServiceProbes.assertCheckUp(ready, "Temporal");
    }

    /**
     * The task-queue wait is the Temporal SDK's own schedule-to-start latency, reported through
     * quarkus-temporal's Micrometer scope (every {@code quarkus.temporal.metrics.report.duration}).
     */
    @Test
    void taskQueueWaitOfActivitiesAndWorkflowTasksIsExported() {
        pushWorkflow("nobody/waits-" + UUID.randomUUID().toString().substring(0, 8));

        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .untilAsserted(
                        () -> {
                            String metrics = PrometheusText.scrape();
                            assertThat(
                                            PrometheusText.value(
                                                    metrics,
                                                    PlatformMeters.ACTIVITY_SCHEDULE_TO_START
                                                            + "_seconds_count",
                                                    Map.of("task_queue", "default")))
                                    .isPositive();
                            assertThat(
                                            PrometheusText.value(
                                                    metrics,
                                                    PlatformMeters.WORKFLOW_TASK_SCHEDULE_TO_START
                                                            + "_seconds_count",
                                                    Map.of("task_queue", "default")))
                                    .isPositive();
                        });
    }

    @Test
    void livenessIsUp() {
        ServiceProbes.liveness();
    }

    @Test
    void metricsArePrometheusTextWithJvmMetrics() {
        ServiceProbes.prometheusMetrics();
    }

    @Test
    void workflowClientReachesDefaultNamespace() {
        var namespace =
                client.getWorkflowServiceStubs()
                        .blockingStub()
                        .describeNamespace(
                                DescribeNamespaceRequest.newBuilder()
                                        .setNamespace(client.getOptions().getNamespace())
                                        .build());

        assertThat(namespace.getNamespaceInfo().getName()).isEqualTo("default");
    }

    /**
     * A real workflow on {@code default}: the worker polls it, its activity reaches the database,
     * and what reaches the Temporal server is sealed (no repository name in clear).
     */
    @Test
    void workerRunsWorkflowsOnDefaultQueueWithEncryptedPayloads() {
        String repository = "nobody/tracks-" + UUID.randomUUID().toString().substring(0, 8);
        String workflowId = "push-github-" + UUID.randomUUID();
        PushOutcome outcome = pushWorkflow(repository, workflowId);

        assertThat(outcome.deploymentIds()).isEmpty();
        Payload input =
                client.fetchHistory(workflowId)
                        .getEvents()
                        .get(0)
                        .getWorkflowExecutionStartedEventAttributes()
                        .getInput()
                        .getPayloads(0);
        assertThat(input.getMetadataMap().get("encoding").toStringUtf8())
                .isEqualTo("binary/encrypted");
        assertThat(input.getData().toStringUtf8()).doesNotContain(repository);
    }

    private PushOutcome pushWorkflow(String repository) {
        return pushWorkflow(repository, "push-github-" + UUID.randomUUID());
    }

    private PushOutcome pushWorkflow(String repository, String workflowId) {
        GitPushWorkflow push =
                client.newWorkflowStub(
                        GitPushWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue("default")
                                .setWorkflowId(workflowId)
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                                .build());

        return push.handle(
                new PushEvent(
                        "github",
                        "delivery-1",
                        repository,
                        "main",
                        "0123456789abcdef0123456789abcdef01234567"));
    }
}
