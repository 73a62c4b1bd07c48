package ink.ml.deploy.deployer.server.github;

import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.deletedBranch;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.newDeliveryId;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.push;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.randomSha;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.send;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.testing.WorkflowExecutions;
import ink.ml.deploy.workflow.push.PushEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class GithubWebhookResourceTest {

    @Inject WorkflowClient client;

    @Test
    void pushStartsGitPushWorkflowOnDefaultQueue() {
        String delivery = newDeliveryId();
        String sha = randomSha();

        signed("push", delivery, push("octo/shop", "main", sha))
                .statusCode(202)
                .body("outcome", equalTo("started"))
                .body("workflowId", equalTo("push-github-" + delivery));

        WorkflowExecutionInfo info =
                WorkflowExecutions.describe(client, "push-github-" + delivery).orElseThrow();
        assertThat(info.getType().getName()).isEqualTo("GitPushWorkflow");
        assertThat(info.getTaskQueue()).isEqualTo("default");
        assertThat(info.getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(WorkflowExecutions.input(client, "push-github-" + delivery, PushEvent.class))
                .isEqualTo(new PushEvent("github", delivery, "octo/shop", "main", sha));
    }

    /** No database here: the workflow id alone makes the redelivery harmless. */
    @Test
    void replayedDeliveryStartsOneWorkflow() {
        String delivery = newDeliveryId();
        String body = push("octo/shop", "main", randomSha());
        signed("push", delivery, body).statusCode(202);
        String firstRun =
                WorkflowExecutions.describe(client, "push-github-" + delivery)
                        .orElseThrow()
                        .getExecution()
                        .getRunId();

        signed("push", delivery, body)
                .statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("workflowId", equalTo("push-github-" + delivery));

        assertThat(
                        WorkflowExecutions.describe(client, "push-github-" + delivery)
                                .orElseThrow()
                                .getExecution()
                                .getRunId())
                .isEqualTo(firstRun);
    }

    @Test
    void rejectsForgedSignatureAndStartsNothing() {
        String delivery = newDeliveryId();
        byte[] body = push("octo/shop", "main", randomSha()).getBytes(StandardCharsets.UTF_8);

        send("push", delivery, WebhookSignature.withSecret("guess").sign(body), body)
                .statusCode(401)
                .body("outcome", equalTo("rejected"));

        assertThat(WorkflowExecutions.describe(client, "push-github-" + delivery)).isEmpty();
    }

    @Test
    void rejectsMissingSignatureAndStartsNothing() {
        String delivery = newDeliveryId();
        byte[] body = push("octo/shop", "main", randomSha()).getBytes(StandardCharsets.UTF_8);

        send("push", delivery, null, body)
                .statusCode(401)
                .body("message", containsString("X-Hub-Signature-256 is missing"));

        assertThat(WorkflowExecutions.describe(client, "push-github-" + delivery)).isEmpty();
    }

    @Test
    void rejectsOversizedBody() {
        String delivery = newDeliveryId();
        String body =
                push("octo/shop", "main", randomSha())
                        .replace(
                                "\"created\"",
                                "\"padding\":\"" + "x".repeat(70 * 1024) + "\",\"created\"");

        signed("push", delivery, body).statusCode(413);

        assertThat(WorkflowExecutions.describe(client, "push-github-" + delivery)).isEmpty();
    }

    @Test
    void deletedBranchStartsNothing() {
        String delivery = newDeliveryId();

        signed("push", delivery, deletedBranch("octo/shop", "main"))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("deleted branch main"));

        assertThat(WorkflowExecutions.describe(client, "push-github-" + delivery)).isEmpty();
    }

    @Test
    void rejectsSignedPushWithInvalidBranch() {
        String delivery = newDeliveryId();

        signed("push", delivery, push("octo/shop", "-delete-me", randomSha()))
                .statusCode(400)
                .body("message", containsString("ref"));

        assertThat(WorkflowExecutions.describe(client, "push-github-" + delivery)).isEmpty();
    }

    @Test
    void installationEventsAreLeftToTheProductApi() {
        String installation =
                "{\"action\":\"created\",\"installation\":{\"id\":5,\"account\":{\"id\":1,"
                        + "\"type\":\"User\"}},\"sender\":{\"id\":1}}";

        signed("installation", newDeliveryId(), installation)
                .statusCode(200)
                .body("outcome", equalTo("ignored"));
    }
}
