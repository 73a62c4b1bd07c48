package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The application's own wiring: quarkus-temporal registers SourceActivitiesImpl (with the
 * configured repositories) on the worker that polls deployer-eu-central-1. A GitHub repository with
 * no App installation is refused by the real activity before any network call.
 */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class SourceActivitiesBindingTest {
    @Inject WorkflowClient client;

    @Test
    void branchHeadsAreAnsweredOnTheDeployerQueue() {
        BranchHeadProbeWorkflow probe =
                client.newWorkflowStub(
                        BranchHeadProbeWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue("deployer-eu-central-1")
                                .setWorkflowId("branch-head-probe-" + UUID.randomUUID())
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(60))
                                .build());

        String outcome =
                probe.resolve(
                        new ResolveBranchHeadRequest(SourceKind.GITHUB, "octo/shop", null, "main"));

        assertThat(outcome).isEqualTo(StepFailure.CLONE_FAILED);
    }
}
