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
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal reaches the git user as a {@code remote:} line saying why, never the token. */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class RepoAccessTest {
    private final GitCli git = new GitCli();
    private String repo;
    private Path work;

    @BeforeEach
    void pushedRepository() {
        repo = Repos.newPath("web");
        work = git.newWorkTree("a.txt", "a\n");
        GitCli.Result push =
                git.run(work, "push", GitServerUrls.of(repo, TestTokens.push(repo)), "main");
        assertThat(push.ok()).as(push.output()).isTrue();
        git.commit(work, "b.txt", "b\n");
    }

    @Test
    void refusesAPushWithoutToken() {
        GitCli.Result push = git.run(work, "push", GitServerUrls.anonymous(repo), "main");

        assertThat(push.ok()).isFalse();
        // git never prompts here (GIT_TERMINAL_PROMPT=0): it stops at the 401 challenge.
        assertThat(push.output()).containsAnyOf("Authentication failed", "could not read Username");
    }

    @Test
    void refusesAForgedToken() {
        String forged = TestTokens.forgedPush(repo);

        GitCli.Result push = git.run(work, "push", GitServerUrls.of(repo, forged), "main");

        assertThat(push.ok()).isFalse();
        assertThat(push.output())
                .contains("remote: the token's signature does not match: it was altered or forged")
                .contains("Authentication failed")
                .doesNotContain(forged);
    }

    @Test
    void refusesSomethingThatIsNoTokenAtAll() {
        GitCli.Result clone =
                git.run(git.newDirectory(), "clone", GitServerUrls.of(repo, "hunter2"));

        assertThat(clone.ok()).isFalse();
        assertThat(clone.output())
                .contains("remote: the token is not a git token of this platform")
                .doesNotContain("hunter2");
    }

    @Test
    void refusesAnExpiredToken() {
        GitCli.Result push =
                git.run(work, "push", GitServerUrls.of(repo, TestTokens.expiredPush(repo)), "main");

        assertThat(push.ok()).isFalse();
        assertThat(push.output()).contains("remote: the token has expired: get a new one");
    }

    @Test
    void refusesATokenOfAnotherRepository() {
        String other = Repos.newPath("other");

        GitCli.Result push =
                git.run(work, "push", GitServerUrls.of(repo, TestTokens.push(other)), "main");
        GitCli.Result clone =
                git.run(
                        git.newDirectory(),
                        "clone",
                        GitServerUrls.of(repo, TestTokens.read(other)));

        assertThat(push.ok()).isFalse();
        assertThat(push.output()).contains("remote: the token is for another repository");
        assertThat(clone.ok()).isFalse();
        assertThat(clone.output()).contains("remote: the token is for another repository");
    }

    @Test
    void readTokenClonesButDoesNotPush() {
        String read = TestTokens.read(repo);

        GitCli.Result push = git.run(work, "push", GitServerUrls.of(repo, read), "main");
        GitCli.Result clone = git.run(git.newDirectory(), "clone", GitServerUrls.of(repo, read));

        assertThat(push.ok()).isFalse();
        assertThat(push.output())
                .contains("remote: the token only allows reading (clone, fetch), not pushing");
        assertThat(clone.ok()).as(clone.output()).isTrue();
    }

    @Test
    void aRefusedPushChangesNothing() {
        String before = git.head(work, "HEAD~1");

        git.run(work, "push", GitServerUrls.of(repo, TestTokens.expiredPush(repo)), "main");

        GitCli.Result remote =
                git.run(work, "ls-remote", GitServerUrls.of(repo, TestTokens.read(repo)), "main");
        assertThat(remote.output()).startsWith(before);
    }

    @Test
    void readsTheTokenFromBasicAuthWhateverTheUserName() {
        String header =
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("anyone:dpg_abc.def".getBytes());

        assertThat(RepoAccess.password(header)).contains("dpg_abc.def");
        assertThat(RepoAccess.password(null)).isEmpty();
        assertThat(RepoAccess.password("Bearer dpg_abc.def")).isEmpty();
        assertThat(RepoAccess.password("Basic %%%")).isEmpty();
        assertThat(
                        RepoAccess.password(
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString("anyone:".getBytes())))
                .isEmpty();
    }
}
