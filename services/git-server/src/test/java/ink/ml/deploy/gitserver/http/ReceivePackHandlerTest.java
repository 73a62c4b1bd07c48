package ink.ml.deploy.gitserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.gitserver.support.GitCli;
import ink.ml.deploy.gitserver.support.GitRootTestResource;
import ink.ml.deploy.gitserver.support.GitServerUrls;
import ink.ml.deploy.gitserver.support.ReceivePackRequests;
import ink.ml.deploy.gitserver.support.Repos;
import ink.ml.deploy.gitserver.support.TestTokens;
import ink.ml.deploy.testing.LoggedProblems;
import ink.ml.deploy.testing.PrometheusText;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class ReceivePackHandlerTest {
    private static final String DASH =
            "a branch name must not have a part (between '/') starting with '-'";
    private final GitCli git = new GitCli();

    @Test
    void pushesAreCountedAcceptedOrRefusedWithTheReason() {
        Map<String, String> accepted = Map.of("outcome", "accepted", "reason", "none");
        Map<String, String> rejectedRef = Map.of("outcome", "refused", "reason", "ref_rejected");
        Map<String, String> expired = Map.of("outcome", "refused", "reason", "unauthenticated");
        Map<String, String> readOnly = Map.of("outcome", "refused", "reason", "forbidden");
        String before = PrometheusText.scrapeManagementInterface();
        String repo = Repos.newPath("counted");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        git.commit(work, "b.txt", "b\n");
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();
        assertThat(git.run(work, "reset", "-q", "--hard", "HEAD~1").ok()).isTrue();
        git.commit(work, "c.txt", "c\n");

        assertThat(git.run(work, "push", "--force", url, "main").ok()).isFalse();
        assertThat(
                        git.run(
                                        work,
                                        "push",
                                        GitServerUrls.of(repo, TestTokens.expiredPush(repo)),
                                        "main")
                                .ok())
                .isFalse();
        assertThat(
                        git.run(work, "push", GitServerUrls.of(repo, TestTokens.read(repo)), "main")
                                .ok())
                .isFalse();

        String after = PrometheusText.scrapeManagementInterface();
        for (Map<String, String> tags : List.of(accepted, rejectedRef, expired, readOnly)) {
            assertThat(pushes(after, tags) - pushes(before, tags)).as(tags.toString()).isEqualTo(1);
        }
    }

    private static double pushes(String metrics, Map<String, String> tags) {
        return PrometheusText.value(metrics, "mcpdeploy_git_pushes_total", tags);
    }

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
    void refusesEachBadRefNameAndStoresTheOtherRefsOfThePush() {
        String repo = Repos.newPath("names");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        String sha = git.head(work, "HEAD");

        GitCli.Result push;
        try (LoggedProblems logged = LoggedProblems.capture()) {
            push =
                    git.run(
                            work,
                            "push",
                            url,
                            "main",
                            "main:refs/heads/-x",
                            "main:refs/heads/--upload-pack=x",
                            "main:refs/heads/$(id)",
                            "main:refs/heads/HEAD",
                            "main:refs/heads/team/-y",
                            "main:refs/x/y",
                            "main:refs/heads/feature/ok",
                            "main:refs/tags/v1.0+build");
            assertThat(logged.withStackTraces()).isEmpty();
            assertThat(logged.errors()).isEmpty();
        }

        assertThat(push.ok()).isFalse();
        assertThat(push.output())
                .doesNotContain("HTTP 500")
                .contains("* [new branch]      main -> main")
                .contains("* [new branch]      main -> feature/ok")
                .contains("* [new tag]         main -> v1.0+build")
                .contains("! [remote rejected] main -> -x (" + DASH + ")")
                .contains("! [remote rejected] main -> --upload-pack=x (" + DASH + ")")
                .contains(
                        "! [remote rejected] main -> $(id) (a branch name may contain only ASCII"
                                + " letters, digits and . _ - + /)")
                .contains(
                        "! [remote rejected] main -> HEAD (a branch name must not be HEAD: git"
                                + " reserves it for the checked-out commit)")
                .contains("! [remote rejected] main -> team/-y (" + DASH + ")")
                .contains(
                        "! [remote rejected] main -> refs/x/y (only branches (refs/heads/*) and"
                                + " tags (refs/tags/*) can be pushed)");
        assertThat(git.run(work, "ls-remote", url).output())
                .isEqualTo(
                        sha
                                + "\tHEAD\n"
                                + sha
                                + "\trefs/heads/feature/ok\n"
                                + sha
                                + "\trefs/heads/main\n"
                                + sha
                                + "\trefs/tags/v1.0+build\n");
    }

    @Test
    void answersARefNameGitDoesNotAllowWithAClientErrorNotAServerError() {
        String repo = Repos.newPath("raw");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        Path work = git.newWorkTree("a.txt", "a\n");
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();
        String sha = git.head(work, "HEAD");

        HttpResponse<String> response;
        try (LoggedProblems logged = LoggedProblems.capture()) {
            // git itself refuses such a refspec; JGit refuses the whole request before any hook.
            response = ReceivePackRequests.create(repo, "refs/heads/a..b", sha);
            assertThat(logged.withStackTraces()).isEmpty();
            assertThat(logged.errors()).isEmpty();
        }

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not a valid push");
        assertThat(git.run(work, "ls-remote", url).output()).doesNotContain("a..b");
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
