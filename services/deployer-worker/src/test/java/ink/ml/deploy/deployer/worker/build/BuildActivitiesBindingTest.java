package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The application's own wiring: quarkus-temporal registers BuildActivitiesImpl (a CDI bean with the
 * configured builder and registry) on the default worker, which polls deployer-eu-central-1. A
 * request for a foreign registry is refused by the real activity before anything is cloned.
 */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class BuildActivitiesBindingTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Inject WorkflowClient client;

    @Test
    void buildActivityAnswersOnTheDeployerQueue() {
        BuildProbeWorkflow probe =
                client.newWorkflowStub(
                        BuildProbeWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue("deployer-eu-central-1")
                                .setWorkflowId("build-probe-" + UUID.randomUUID())
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(60))
                                .build());

        String outcome =
                probe.build(
                        new BuildRequest(
                                UUID.randomUUID().toString(),
                                "deploy-" + UUID.randomUUID(),
                                SourceKind.INTERNAL,
                                "u1/shop/shop",
                                null,
                                SHA,
                                "",
                                "Dockerfile",
                                BuildStrategy.DOCKERFILE,
                                null,
                                null,
                                null,
                                "elsewhere.example:5000/dp-u1-shop/web:" + SHA));

        assertThat(outcome).isEqualTo(StepFailure.PUSH_FAILED);
    }
}
