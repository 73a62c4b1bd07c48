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
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class UploadPackHandlerTest {
    private final GitCli git = new GitCli();

    @Test
    void clonesWhatWasPushedWithStockGit() throws Exception {
        String repo = Repos.newPath("web");
        Path work = git.newWorkTree("index.html", "<h1>hello</h1>\n");
        String pushed = git.head(work, "HEAD");

        GitCli.Result push =
                git.run(work, "push", GitServerUrls.of(repo, TestTokens.push(repo)), "main");
        assertThat(push.ok()).as(push.output()).isTrue();

        Path clones = git.newDirectory();
        GitCli.Result clone =
                git.run(clones, "clone", GitServerUrls.of(repo, TestTokens.read(repo)), "web");

        assertThat(clone.ok()).as(clone.output()).isTrue();
        assertThat(git.head(clones.resolve("web"), "HEAD")).isEqualTo(pushed);
        assertThat(Files.readString(clones.resolve("web/index.html")))
                .isEqualTo("<h1>hello</h1>\n");
    }

    @Test
    void fetchesNewCommitsOverProtocolV2AndV0() {
        String repo = Repos.newPath("api");
        Path work = git.newWorkTree("a.txt", "a\n");
        String url = GitServerUrls.of(repo, TestTokens.push(repo));
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();
        Path clones = git.newDirectory();
        assertThat(git.run(clones, "clone", "-q", url, "api").ok()).isTrue();
        git.commit(work, "b.txt", "b\n");
        assertThat(git.run(work, "push", url, "main").ok()).isTrue();

        GitCli.Result v2 =
                git.run(
                        clones.resolve("api"),
                        Map.of("GIT_TRACE_PACKET", "1"),
                        "-c",
                        "protocol.version=2",
                        "fetch",
                        "origin");
        GitCli.Result v0 =
                git.run(
                        clones.resolve("api"),
                        "-c",
                        "protocol.version=0",
                        "ls-remote",
                        "origin",
                        "refs/heads/main");

        assertThat(v2.ok()).as(v2.output()).isTrue();
        assertThat(v2.output()).contains("< version 2").contains("> command=fetch");
        assertThat(git.head(clones.resolve("api"), "origin/main"))
                .isEqualTo(git.head(work, "HEAD"));
        assertThat(v0.ok()).as(v0.output()).isTrue();
        assertThat(v0.output()).contains(git.head(work, "HEAD"));
    }

    @Test
    void cloneOfARepositoryNobodyPushedToSaysSo() {
        String repo = Repos.newPath("ghost");

        GitCli.Result clone =
                git.run(git.newDirectory(), "clone", GitServerUrls.of(repo, TestTokens.read(repo)));

        assertThat(clone.ok()).isFalse();
        assertThat(clone.output())
                .contains("remote: repository " + repo + " does not exist yet: push to it first");
    }
}
