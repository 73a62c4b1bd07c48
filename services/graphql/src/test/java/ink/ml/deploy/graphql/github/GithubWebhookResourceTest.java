package ink.ml.deploy.graphql.github;

import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.deletedBranch;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.installation;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.push;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.send;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.github.WebhookSignature;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.testing.PostgresTestResource;
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
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class GithubWebhookResourceTest {

    @Inject WorkflowClient client;
    @Inject GithubFixtures fixtures;

    @Test
    void pushToTrackedBranchStartsGitPushWorkflowOnDefaultQueue() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        String sha = fixtures.randomSha();

        signed("push", delivery, push(repository, "main", sha))
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
                .isEqualTo(new PushEvent("github", delivery, repository, "main", sha));
    }

    @Test
    void replayedDeliveryStartsOneWorkflow() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        String body = push(repository, "main", fixtures.randomSha());
        signed("push", delivery, body).statusCode(202);
        String firstRun =
                WorkflowExecutions.describe(client, "push-github-" + delivery)
                        .orElseThrow()
                        .getExecution()
                        .getRunId();

        signed("push", delivery, body)
                .statusCode(200)
                .body("outcome", equalTo("duplicate"))
                .body("message", containsString("already handled"));
        // Even if the delivery record were lost, Temporal's id uniqueness refuses a second run.
        fixtures.forgetDelivery(delivery);
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
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        byte[] body =
                push(repository, "main", fixtures.randomSha()).getBytes(StandardCharsets.UTF_8);
        String forged = WebhookSignature.withSecret("a-guessed-secret").sign(body);

        send("push", delivery, forged, body)
                .statusCode(401)
                .body("outcome", equalTo("rejected"))
                .body("message", containsString("X-Hub-Signature-256"));

        assertNothingStarted(delivery);
    }

    @Test
    void rejectsMissingSignatureAndStartsNothing() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();
        byte[] body =
                push(repository, "main", fixtures.randomSha()).getBytes(StandardCharsets.UTF_8);

        send("push", delivery, null, body)
                .statusCode(401)
                .body("message", containsString("X-Hub-Signature-256 is missing"));

        assertNothingStarted(delivery);
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

        assertNothingStarted(delivery);
    }

    @Test
    void pushToBranchNoServiceTracksStartsNothing() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();

        signed("push", delivery, push(repository, "feature/x", fixtures.randomSha()))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("no service tracks " + repository + "@feature/x"));

        assertNothingStarted(delivery);
    }

    @Test
    void deletedBranchStartsNothing() {
        String repository = trackedRepository("main");
        String delivery = fixtures.newDeliveryId();

        signed("push", delivery, deletedBranch(repository, "main"))
                .statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("message", containsString("deleted branch main"));

        assertNothingStarted(delivery);
    }

    @Test
    void rejectsSignedPushWithInvalidCommit() {
        String delivery = fixtures.newDeliveryId();

        signed("push", delivery, push(trackedRepository("main"), "main", "abc123"))
                .statusCode(400)
                .body("message", containsString("after"));

        assertNothingStarted(delivery);
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

    private String trackedRepository(String branch) {
        String repository = fixtures.uniqueRepository();
        fixtures.githubService(fixtures.newUser(), "web", repository, branch);
        return repository;
    }

    private void assertNothingStarted(String delivery) {
        assertThat(WorkflowExecutions.describe(client, "push-github-" + delivery)).isEmpty();
        assertThat(fixtures.deliveryRecorded(delivery)).isFalse();
    }
}
