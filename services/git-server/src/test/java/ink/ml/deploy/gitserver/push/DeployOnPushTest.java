package ink.ml.deploy.gitserver.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.gitserver.support.GitCli;
import ink.ml.deploy.gitserver.support.GitRootTestResource;
import ink.ml.deploy.gitserver.support.GitServerUrls;
import ink.ml.deploy.gitserver.support.Repos;
import ink.ml.deploy.gitserver.support.TestTokens;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.push.PushEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A push starts GitPushWorkflow on the real Temporal test server, once per updated branch. */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class DeployOnPushTest {
    private final GitCli git = new GitCli();

    @Inject WorkflowClient client;

    @Test
    void startsOneWorkflowPerUpdatedBranchAndNoneForTags() {
        String repo = Repos.newPath("web");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        String first = git.head(work, "HEAD");
        git.commit(work, "b.txt", "b\n");
        String second = git.head(work, "HEAD");
        assertThat(git.run(work, "tag", "v1").ok()).isTrue();

        GitCli.Result push = git.run(work, "push", url, "main", "HEAD~1:refs/heads/staging", "v1");

        assertThat(push.ok()).as(push.output()).isTrue();
        assertThat(push.output())
                .contains("remote: deploying main at " + second.substring(0, 7))
                .contains("remote: deploying staging at " + first.substring(0, 7));
        assertStarted(repo, "main", second);
        assertStarted(repo, "staging", first);
        assertThatThrownBy(() -> describe(workflowId(repo, "refs/tags/v1", second)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void theSamePushAgainStartsNoSecondWorkflowAndADeletionNone() {
        String repo = Repos.newPath("api");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        String sha = git.head(work, "HEAD");
        assertThat(git.run(work, "push", url, "main", "main:staging", "main:old").ok()).isTrue();
        String runId =
                describe(workflowId(repo, "refs/heads/staging", sha)).getExecution().getRunId();

        GitCli.Result delete = git.run(work, "push", url, ":staging", ":old");
        GitCli.Result again = git.run(work, "push", url, "main:staging");

        assertThat(delete.ok()).as(delete.output()).isTrue();
        assertThat(delete.output()).doesNotContain("deploying");
        assertThat(again.ok()).as(again.output()).isTrue();
        assertThat(again.output())
                .contains(
                        "remote: staging at "
                                + sha.substring(0, 7)
                                + " was already handed to the deployer");
        assertThat(describe(workflowId(repo, "refs/heads/staging", sha)).getExecution().getRunId())
                .isEqualTo(runId);
    }

    @Test
    void startsWorkflowsOnlyForTheRefsItAccepts() {
        String repo = Repos.newPath("shop");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        String sha = git.head(work, "HEAD");

        GitCli.Result push = git.run(work, "push", url, "main", "main:refs/heads/$(id)");

        assertThat(push.output())
                .contains("remote: deploying main at " + sha.substring(0, 7))
                .contains("! [remote rejected] main -> $(id)")
                .doesNotContain("deploying $(id)");
        assertStarted(repo, "main", sha);
        assertThatThrownBy(() -> describe(workflowId(repo, "refs/heads/$(id)", sha)))
                .isInstanceOf(RuntimeException.class);
    }

    private void assertStarted(String repo, String branch, String sha) {
        String workflowId = workflowId(repo, "refs/heads/" + branch, sha);
        WorkflowExecutionDescription description = describe(workflowId);
        assertThat(description.getWorkflowType()).isEqualTo("GitPushWorkflow");
        assertThat(description.getTaskQueue()).isEqualTo(TaskQueues.DEFAULT);

        Payloads input =
                client.fetchHistory(workflowId)
                        .getEvents()
                        .get(0)
                        .getWorkflowExecutionStartedEventAttributes()
                        .getInput();
        // Sealed by the encrypting DataConverter: Temporal never sees the repository in clear.
        assertThat(input.getPayloads(0).getData().toString(StandardCharsets.ISO_8859_1))
                .doesNotContain(repo);
        PushEvent event =
                client.getOptions()
                        .getDataConverter()
                        .fromPayloads(0, Optional.of(input), PushEvent.class, PushEvent.class);
        assertThat(event.source()).isEqualTo("git-server");
        assertThat(event.repository()).isEqualTo(repo);
        assertThat(event.branch()).isEqualTo(branch);
        assertThat(event.commitSha()).isEqualTo(sha);
    }

    private WorkflowExecutionDescription describe(String workflowId) {
        return client.newUntypedWorkflowStub(workflowId).describe();
    }

    private static String workflowId(String repo, String ref, String sha) {
        return WorkflowIds.gitPush(
                PushSource.GIT_SERVER, PushDeliveryIds.of(InternalRepoPath.parse(repo), ref, sha));
    }
}
