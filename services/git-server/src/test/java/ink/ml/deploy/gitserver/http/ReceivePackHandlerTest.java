package ink.ml.deploy.gitserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.gitserver.support.GitCli;
import ink.ml.deploy.gitserver.support.GitRootTestResource;
import ink.ml.deploy.gitserver.support.GitServerUrls;
import ink.ml.deploy.gitserver.support.Repos;
import ink.ml.deploy.gitserver.support.TestTokens;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class ReceivePackHandlerTest {
    private final GitCli git = new GitCli();

    @Test
    void refusesRewritingHistoryEvenWhenForced() {
        String repo = Repos.newPath("web");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        git.commit(work, "b.txt", "b\n");
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();
        String stored = git.head(work, "HEAD");
        assertThat(git.run(work, "reset", "-q", "--hard", "HEAD~1").ok()).isTrue();
        git.commit(work, "c.txt", "c\n");

        GitCli.Result forced = git.run(work, "push", "--force", url, "main");

        assertThat(forced.ok()).isFalse();
        // --force makes the client send the update: the refusal is the server's.
        assertThat(forced.output()).contains("main -> main (non-fast-forward)");
        assertThat(git.run(work, "ls-remote", url, "main").output()).startsWith(stored);
    }

    @Test
    void refusesDeletingTheDefaultBranchSoItsHistoryCannotBeRewritten() {
        String repo = Repos.newPath("web");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        git.commit(work, "b.txt", "b\n");
        assertThat(git.run(work, "push", url, "main", "main:feature").ok()).isTrue();
        String stored = git.head(work, "HEAD");
        assertThat(git.run(work, "reset", "-q", "--hard", "HEAD~1").ok()).isTrue();
        git.commit(work, "c.txt", "c\n");

        GitCli.Result delete = git.run(work, "push", url, ":main", ":feature");
        GitCli.Result recreate = git.run(work, "push", "--force", url, "main");

        assertThat(delete.ok()).isFalse();
        assertThat(delete.output())
                .contains(
                        "! [remote rejected] main (main is the default branch: it cannot be deleted)")
                .contains("- [deleted]         feature");
        assertThat(recreate.ok()).isFalse();
        assertThat(recreate.output()).contains("main -> main (non-fast-forward)");
        assertThat(git.run(work, "ls-remote", url, "main").output()).startsWith(stored);
    }

    @Test
    void theDefaultBranchIsTheOneHeadNamesNotAlwaysMain() {
        String repo = Repos.newPath("web");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        assertThat(git.run(work, "push", url, "main:develop").ok()).isTrue();
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();

        GitCli.Result deleteDevelop = git.run(work, "push", url, ":develop");
        GitCli.Result deleteMain = git.run(work, "push", url, ":main");

        assertThat(deleteDevelop.ok()).isFalse();
        assertThat(deleteDevelop.output())
                .contains(
                        "! [remote rejected] develop (develop is the default branch: it cannot be"
                                + " deleted)");
        assertThat(deleteMain.ok()).as(deleteMain.output()).isTrue();
        assertThat(git.run(work, "ls-remote", "--symref", url, "HEAD").output())
                .contains("ref: refs/heads/develop\tHEAD");
    }

    @Test
    void refusesAPushLargerThanTheLimitAndStoresNothing() throws Exception {
        String repo = Repos.newPath("big");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("small.txt", "small\n");
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();
        String stored = git.head(work, "HEAD");
        byte[] noise = new byte[400 * 1024];
        new Random(7).nextBytes(noise);
        // Random bytes do not compress: the pack is well over the test limit (256K).
        Files.write(work.resolve("noise.bin"), noise);
        git.commit(work, "other.txt", "x\n");

        GitCli.Result push = git.run(work, "push", url, "main");

        assertThat(push.ok()).isFalse();
        assertThat(push.output()).contains("remote unpack failed").contains("exceeds");
        assertThat(git.run(work, "ls-remote", url, "main").output()).startsWith(stored);
    }

    @Test
    void deletesABranchAndPushesTags() {
        String repo = Repos.newPath("refs");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        assertThat(git.run(work, "tag", "v1").ok()).isTrue();
        assertThat(git.run(work, "push", url, "main", "main:feature", "v1").ok()).isTrue();

        GitCli.Result delete = git.run(work, "push", url, ":feature");

        assertThat(delete.ok()).as(delete.output()).isTrue();
        String refs = git.run(work, "ls-remote", url).output();
        assertThat(refs).contains("refs/heads/main", "refs/tags/v1").doesNotContain("feature");
    }
}
