package ink.ml.deploy.graphql.github;

import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.deletedBranch;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.installation;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.push;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.send;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.testing.PostgresTestResource;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class GithubWebhookResourceTest {

    @Inject WorkflowClient client;
    @Inject GithubFixtures fixtures;

    @Test
    void pushToTrackedBranchStartsGitPushWorkflowOnDefaultQueue() {
        String repository = trackedRepository("main");
        String sha = fixtures.randomSha();
        String body = push(repository, "main", sha);
        String pushId = GithubPushWorkflowIds.parsed(body).pushId().value();
        String workflowId = "push-github-" + pushId;

        signed("push", fixtures.newDeliveryId(), body)
                .statusCode(202)
                .body("outcome", equalTo("started"))
                .body("workflowId", equalTo(workflowId));

        WorkflowExecutionInfo info = WorkflowExecutions.describe(client, workflowId).orElseThrow();
        assertThat(info.getType().getName()).isEqualTo("GitPushWorkflow");
        assertThat(info.getTaskQueue()).isEqualTo("default");
        assertThat(info.getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(WorkflowExecutions.input(client, workflowId, PushEvent.class))
                .isEqualTo(new PushEvent("github", pushId, repository, "main", sha));
    }

    @Test
    void redeliveryStartsOneWorkflow() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        String body = push(repository, "main", fixtures.randomSha());
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
                .body("message", containsString("already handled"));
        // Even if the delivery record were lost, Temporal's id uniqueness refuses a second run.
        fixtures.forgetDelivery(GithubPushWorkflowIds.parsed(body).pushId().value());
        signed("push", delivery, body)
                .statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("message", containsString("already being deployed"))
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
     * the same push, for the delivery table and for Temporal.
     */
    @Test
    void replayedBodyWithFreshDeliveryIdsStartsOneWorkflow() {
        String body = push(trackedRepository("main"), "main", fixtures.randomSha());

        String workflowId =
                signed("push", fixtures.newDeliveryId(), body)
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
            signed("push", fixtures.newDeliveryId(), body)
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
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        String json = push(repository, "main", fixtures.randomSha());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String forged = WebhookSignature.withSecret("a-guessed-secret").sign(body);

        send("push", delivery, forged, body)
                .statusCode(401)
                .body("outcome", equalTo("rejected"))
                .body("message", containsString("X-Hub-Signature-256"));

        assertNothingStarted(json);
    }

    @Test
    void rejectsMissingSignatureAndStartsNothing() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        String json = push(repository, "main", fixtures.randomSha());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        send("push", delivery, null, body)
                .statusCode(401)
                .body("message", containsString("X-Hub-Signature-256 is missing"));

        assertNothingStarted(json);
    }

    @Test
    void rejectsOversizedBody() {
        String delivery = fixtures.newDeliveryId();
        // Over the 64 KiB limit of the test configuration, signed correctly.
        String padding = "x".repeat(70 * 1024);
        String body =
                push(trackedRepository("main"), "main", fixtures.randomSha())
                        .replace("\"created\"", "\"padding\":\"" + padding + "\",\"created\"");

        signed("push", delivery, body).statusCode(413).body("outcome", equalTo("rejected"));

        assertNothingStarted(body);
    }

    @Test
    void pushToBranchNoServiceTracksStartsNothing() {
        String repository = trackedRepository("main");
        String body = push(repository, "feature/x", fixtures.randomSha());

        signed("push", fixtures.newDeliveryId(), body)
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("no service tracks " + repository + "@feature/x"));

        assertNothingStarted(body);
    }

    @Test
    void deletedBranchStartsNothing() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();

        signed("push", delivery, deletedBranch(repository, "main"))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("deleted branch main"))
                .body("workflowId", nullValue());
        assertThat(fixtures.deliveryRecorded(delivery)).isFalse();
    }

    @Test
    void rejectsSignedPushWithInvalidCommit() {
        String delivery = fixtures.newDeliveryId();

        signed("push", delivery, push(trackedRepository("main"), "main", "abc123"))
                .statusCode(400)
                .body("message", containsString("after"))
                .body("workflowId", nullValue());
        assertThat(fixtures.deliveryRecorded(delivery)).isFalse();
    }

    @Test
    void answersPing() {
        signed("ping", fixtures.newDeliveryId(), "{\"zen\":\"Design for failure.\"}")
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("pong"));
    }

    @Test
    void installationCreatedLinksAndDeletedUnlinks() {
        Caller user = fixtures.newUser();
        long githubUserId = fixtures.newGithubUserId();
        fixtures.linkGithub(user, githubUserId, "octo-" + githubUserId, "gho_user_token");
        long installationId = fixtures.newGithubUserId();

        signed(
                        "installation",
                        fixtures.newDeliveryId(),
                        installation("created", installationId, githubUserId, githubUserId))
                .statusCode(200)
                .body("outcome", equalTo("linked"));
        assertThat(fixtures.installationOf(user)).contains(installationId);

        signed(
                        "installation",
                        fixtures.newDeliveryId(),
                        installation("deleted", installationId, githubUserId, githubUserId))
                .statusCode(200)
                .body("outcome", equalTo("unlinked"));
        assertThat(fixtures.installationOf(user)).isEmpty();
    }

    @Test
    void installationOfUnknownGithubUserLinksNothing() {
        long stranger = fixtures.newGithubUserId();

        signed(
                        "installation",
                        fixtures.newDeliveryId(),
                        installation("created", fixtures.newGithubUserId(), stranger, stranger))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("has not signed in"));
    }

    @Test
    void deliveriesAreCountedByOutcomeAndRefusalReason() {
        String started = deliveries("started", "none");
        String duplicate = deliveries("duplicate", "none");
        String forged = deliveries("rejected", "signature_invalid");
        String unsigned = deliveries("rejected", "signature_missing");
        String before = PrometheusText.scrape();
        String delivery = fixtures.newDeliveryId();
        String json = push(trackedRepository("main"), "main", fixtures.randomSha());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        signed("push", delivery, json).statusCode(202);
        signed("push", delivery, json).statusCode(200);
        send(
                        "push",
                        fixtures.newDeliveryId(),
                        WebhookSignature.withSecret("guess").sign(body),
                        body)
                .statusCode(401);
        send("push", fixtures.newDeliveryId(), null, body).statusCode(401);

        String after = PrometheusText.scrape();
        for (String series : new String[] {started, duplicate, forged, unsigned}) {
            assertThat(count(after, series) - count(before, series)).as(series).isEqualTo(1);
        }
    }

    /** A series of mcpdeploy_webhook_deliveries_total, as "outcome/reason". */
    private static String deliveries(String outcome, String reason) {
        return outcome + "/" + reason;
    }

    private static double count(String metrics, String series) {
        String[] tags = series.split("/");
        return PrometheusText.value(
                metrics,
                "mcpdeploy_webhook_deliveries_total",
                Map.of("outcome", tags[0], "reason", tags[1]));
    }

    private String trackedRepository(String branch) {
        String repository = fixtures.uniqueRepository();
        fixtures.githubService(fixtures.newUser(), "web", repository, branch);
        return repository;
    }

    private void assertNothingStarted(String pushBody) {
        assertThat(WorkflowExecutions.describe(client, GithubPushWorkflowIds.of(pushBody)))
                .isEmpty();
        assertThat(
                        fixtures.deliveryRecorded(
                                GithubPushWorkflowIds.parsed(pushBody).pushId().value()))
                .isFalse();
    }
}
