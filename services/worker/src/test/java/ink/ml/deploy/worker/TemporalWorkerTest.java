package ink.ml.deploy.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class TemporalWorkerTest {

    @Inject WorkflowClient client;

    @Test
    void readinessIsUpWithDatabaseAndTemporalChecks() {
        JsonPath ready = health("/q/health/ready");

        assertThat(ready.getString("status")).isEqualTo("UP");
        // The check lists each active datasource by name; without one it is UP with no data.
        assertThat(ready.getMap("checks.find { it.name == 'Database connections health check' }"))
                .containsEntry("status", "UP")
                .containsEntry("data", Map.of("<default>", "UP"));
        assertThat(ready.getString("checks.find { it.name == 'Temporal' }.status")).isEqualTo("UP");
    }

    @Test
    void livenessIsUp() {
        assertThat(health("/q/health/live").getString("status")).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextWithJvmMetrics() {
        String metrics =
                given().accept("text/plain")
                        .when()
                        .get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/plain; version=0.0.4"))
                        .extract()
                        .asString();

        assertThat(metrics)
                .contains("# TYPE jvm_memory_used_bytes gauge", "jvm_threads_live_threads");
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

    @Test
    void workerPollsConfiguredTaskQueue() {
        TaskQueueProbeWorkflow probe =
                client.newWorkflowStub(
                        TaskQueueProbeWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue("default")
                                .setWorkflowId("probe-" + UUID.randomUUID())
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                                .build());

        assertThat(probe.taskQueue()).isEqualTo("default");
    }

    private static JsonPath health(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }
}
