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
import static org.hamcrest.Matchers.nullValue;

import ink.ml.deploy.github.BranchPush;
import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.testing.PrometheusText;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.testing.WorkflowExecutions;
import ink.ml.deploy.testing.github.GithubPushWorkflowIds;
import ink.ml.deploy.workflow.push.PushEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class GithubWebhookResourceTest {

    @Inject WorkflowClient client;

    @Test
    void pushStartsGitPushWorkflowOnDefaultQueue() {
        String sha = randomSha();
        String body = push("octo/shop", "main", sha);
        BranchPush push = GithubPushWorkflowIds.parsed(body);
        String workflowId = "push-github-" + push.pushId();

        signed("push", newDeliveryId(), body)
                .statusCode(202)
                .body("outcome", equalTo("started"))
                .body("workflowId", equalTo(workflowId));

        WorkflowExecutionInfo info = WorkflowExecutions.describe(client, workflowId).orElseThrow();
        assertThat(info.getType().getName()).isEqualTo("GitPushWorkflow");
        assertThat(info.getTaskQueue()).isEqualTo("default");
        assertThat(info.getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(WorkflowExecutions.input(client, workflowId, PushEvent.class))
                .isEqualTo(
                        new PushEvent("github", push.pushId().value(), "octo/shop", "main", sha));
    }

    /** No database here: the workflow id alone makes the redelivery harmless. */
    @Test
    void redeliveryStartsOneWorkflow() {
        String delivery = newDeliveryId();
        String body = push("octo/shop", "main", randomSha());
        String workflowId = GithubPushWorkflowIds.of(body);
        signed("push", delivery, body).statusCode(202);
        String firstRun =
                WorkflowExecutions.describe(client, workflowId)
                        .orElseThrow()
                        .getExecution()
                        .getRunId();

        signed("push", delivery, body)
                .statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("workflowId", equalTo(workflowId));

        assertThat(
                        WorkflowExecutions.describe(client, workflowId)
                                .orElseThrow()
                                .getExecution()
                                .getRunId())
                .isEqualTo(firstRun);
    }

    /**
     * X-GitHub-Delivery is not signed: a captured body sent again under fresh delivery ids is still
     * the same push.
     */
    @Test
    void replayedBodyWithFreshDeliveryIdsStartsOneWorkflow() {
        String body = push("octo/shop", "main", randomSha());

        String workflowId =
                signed("push", newDeliveryId(), body)
                        .statusCode(202)
                        .body("outcome", equalTo("started"))
                        .extract()
                        .path("workflowId");
        String firstRun =
                WorkflowExecutions.describe(client, workflowId)
                        .orElseThrow()
                        .getExecution()
                        .getRunId();
        for (int replay = 0; replay < 2; replay++) {
            signed("push", newDeliveryId(), body)
                    .statusCode(200)
                    .body("outcome", equalTo("duplicate"))
                    .body("workflowId", equalTo(workflowId));
        }

        assertThat(
                        WorkflowExecutions.describe(client, workflowId)
                                .orElseThrow()
                                .getExecution()
                                .getRunId())
                .isEqualTo(firstRun);
    }

    @Test
    void rejectsForgedSignatureAndStartsNothing() {
        String delivery = newDeliveryId();
        String json = push("octo/shop", "main", randomSha());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        send("push", delivery, WebhookSignature.withSecret("guess").sign(body), body)
                .statusCode(401)
                .body("outcome", equalTo("rejected"));

        assertThat(WorkflowExecutions.describe(client, GithubPushWorkflowIds.of(json))).isEmpty();
    }

    @Test
    void rejectsMissingSignatureAndStartsNothing() {
        String delivery = newDeliveryId();
        String json = push("octo/shop", "main", randomSha());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        send("push", delivery, null, body)
                .statusCode(401)
                .body("message", containsString("X-Hub-Signature-256 is missing"));

        assertThat(WorkflowExecutions.describe(client, GithubPushWorkflowIds.of(json))).isEmpty();
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

        assertThat(WorkflowExecutions.describe(client, GithubPushWorkflowIds.of(body))).isEmpty();
    }

    @Test
    void deletedBranchStartsNothing() {
        String delivery = newDeliveryId();

        signed("push", delivery, deletedBranch("octo/shop", "main"))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("deleted branch main"))
                .body("workflowId", nullValue());
    }

    @Test
    void signedPushToABranchNoServiceCanTrackStartsNothing() {
        String delivery = newDeliveryId();

        signed("push", delivery, push("octo/shop", "-delete-me", randomSha()))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("no service can track branch -delete-me"))
                .body("workflowId", nullValue());
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

    @Test
    void deliveriesAreCountedByOutcomeAndRefusalReason() {
        Map<String, String> started = Map.of("outcome", "started", "reason", "none");
        Map<String, String> duplicate = Map.of("outcome", "duplicate", "reason", "none");
        Map<String, String> ignored = Map.of("outcome", "ignored", "reason", "none");
        Map<String, String> forged = Map.of("outcome", "rejected", "reason", "signature_invalid");
        Map<String, String> tooLarge = Map.of("outcome", "rejected", "reason", "body_too_large");
        String before = PrometheusText.scrapeManagementInterface();
        String delivery = newDeliveryId();
        String json = push("octo/shop", "main", randomSha());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        signed("push", delivery, json).statusCode(202);
        signed("push", delivery, json).statusCode(200);
        signed("push", newDeliveryId(), deletedBranch("octo/shop", "main")).statusCode(200);
        send("push", newDeliveryId(), WebhookSignature.withSecret("guess").sign(body), body)
                .statusCode(401);
        signed(
                        "push",
                        newDeliveryId(),
                        json.replace(
                                "\"created\"",
                                "\"padding\":\"" + "x".repeat(70 * 1024) + "\",\"created\""))
                .statusCode(413);

        String after = PrometheusText.scrapeManagementInterface();
        for (Map<String, String> tags : List.of(started, duplicate, ignored, forged, tooLarge)) {
            assertThat(deliveries(after, tags) - deliveries(before, tags))
                    .as(tags.toString())
                    .isEqualTo(1);
        }
    }

    private static double deliveries(String metrics, Map<String, String> tags) {
        return PrometheusText.value(metrics, "mcpdeploy_webhook_deliveries_total", tags);
    }
}
