package ink.ml.deploy.deployer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.ServiceProbes;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class TemporalWorkerTest {

    @Inject WorkflowClient client;

    @Test
    void readinessIsUpWithTemporalCheck() {
        ServiceProbes.assertCheckUp(ServiceProbes.readiness(), "Temporal");
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

    @Test
    void workerPollsConfiguredTaskQueue() {
        TaskQueueProbeWorkflow probe =
                client.newWorkflowStub(
                        TaskQueueProbeWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue("deployer-eu-central-1")
                                .setWorkflowId("probe-" + UUID.randomUUID())
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                                .build());

        assertThat(probe.taskQueue()).isEqualTo("deployer-eu-central-1");
    }
}
