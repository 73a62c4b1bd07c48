package ink.ml.deploy.gitserver.revocations;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.gitauth.MintedGitToken;
import ink.ml.deploy.gitserver.support.GitCli;
import ink.ml.deploy.gitserver.support.GitRootTestResource;
import ink.ml.deploy.gitserver.support.GitServerUrls;
import ink.ml.deploy.gitserver.support.Repos;
import ink.ml.deploy.gitserver.support.TestTokens;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.git.GitTokenRevocationPublisher;
import ink.ml.deploy.workflow.git.RevokeGitTokenRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A revocation published through the real Temporal test server reaches the git-server's own worker
 * (queue {@code git-server-{region}}), and a stock {@code git push} with the revoked token is then
 * refused, while the repository's other tokens keep working.
 */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class RevokedTokenRefusedTest {
    private final GitCli git = new GitCli();

    @Inject WorkflowClient client;
    @Inject RevokedGitTokens revoked;

    @ConfigProperty(name = "mcpdeploy.git-server.region")
    String region;

    @ConfigProperty(name = "mcpdeploy.git-server.root")
    Path root;

    private WorkerFactory productPlane;

    /** The product plane's side: its workflow on queue default, as the worker runs it. */
    @BeforeEach
    void startStandInProductPlane() {
        productPlane = WorkerFactory.newInstance(client);
        productPlane
                .newWorker(TaskQueues.DEFAULT)
                .registerWorkflowImplementationTypes(StandInRevocationWorkflow.class);
        productPlane.start();
    }

    @AfterEach
    void stopStandInProductPlane() {
        productPlane.shutdown();
        productPlane.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aRevokedTokenIsRefusedAtPushAndTheRepositorysOtherTokensStillPush() throws Exception {
        String repo = Repos.newPath("web");
        MintedGitToken kept = TestTokens.mintPush(repo);
        MintedGitToken revokedToken = TestTokens.mintPush(repo);
        Path work = git.newWorkTree("a.txt", "a\n");
        assertThat(git.run(work, "push", GitServerUrls.of(repo, revokedToken.token()), "main").ok())
                .isTrue();

        publishAndWait(revokedToken);
        git.commit(work, "b.txt", "b\n");
        GitCli.Result refused =
                git.run(work, "push", GitServerUrls.of(repo, revokedToken.token()), "main");
        GitCli.Result accepted =
                git.run(work, "push", GitServerUrls.of(repo, kept.token()), "main");

        assertThat(refused.ok()).isFalse();
        assertThat(refused.output())
                .contains("remote: the token was revoked: get a new one")
                .doesNotContain(revokedToken.token());
        assertThat(accepted.ok()).as(accepted.output()).isTrue();
        assertThat(
                        git.run(work, "ls-remote", GitServerUrls.of(repo, kept.token()), "main")
                                .output())
                .startsWith(git.head(work, "HEAD"));
    }

    @Test
    void theRevocationIsOnDiskNextToTheRepositoriesForARestartToReadBack() throws Exception {
        MintedGitToken token = TestTokens.mintPush(Repos.newPath("api"));

        publishAndWait(token);

        List<String> lines =
                Files.readAllLines(
                        root.resolve(RevokedGitTokens.FILE_NAME), StandardCharsets.UTF_8);
        assertThat(lines)
                .contains(token.claims().id() + " " + token.claims().expiresAt().getEpochSecond());
        RevokedGitTokens afterRestart = new RevokedGitTokens(root, Clock.systemUTC());
        afterRestart.load();
        assertThat(afterRestart.isRevoked(token.claims().id())).isTrue();
    }

    @Test
    void publishingTheSameRevocationAgainChangesNothing() throws Exception {
        MintedGitToken token = TestTokens.mintPush(Repos.newPath("db"));
        publishAndWait(token);
        int listed = revoked.size();
        byte[] onDisk = Files.readAllBytes(root.resolve(RevokedGitTokens.FILE_NAME));

        publishAndWait(token);

        assertThat(revoked.isRevoked(token.claims().id())).isTrue();
        assertThat(revoked.size()).isEqualTo(listed);
        assertThat(Files.readAllBytes(root.resolve(RevokedGitTokens.FILE_NAME))).isEqualTo(onDisk);
    }

    /** Publishes as the product plane does and waits for the workflow to finish. */
    private void publishAndWait(MintedGitToken token) throws Exception {
        String workflowId =
                new GitTokenRevocationPublisher(client)
                        .publish(
                                new RevokeGitTokenRequest(
                                        token.claims().id(), token.claims().expiresAt(), region));
        assertThat(workflowId).isEqualTo(WorkflowIds.revokeGitToken(token.claims().id()));
        client.newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, Void.class);
    }
}
