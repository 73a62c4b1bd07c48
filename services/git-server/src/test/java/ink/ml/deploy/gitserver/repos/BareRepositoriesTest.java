package ink.ml.deploy.gitserver.repos;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.gitserver.support.GitCli;
import ink.ml.deploy.gitserver.support.GitRootTestResource;
import ink.ml.deploy.gitserver.support.GitServerUrls;
import ink.ml.deploy.gitserver.support.Repos;
import ink.ml.deploy.gitserver.support.TestTokens;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
@WithTestResource(GitRootTestResource.class)
class BareRepositoriesTest {
    private final GitCli git = new GitCli();

    @Inject BareRepositories repositories;

    @Test
    void theFirstAuthorisedPushCreatesTheRepository() throws Exception {
        String path = Repos.newPath("web");
        InternalRepoPath repo = InternalRepoPath.parse(path);
        assertThat(repositories.open(repo)).isEmpty();
        Path work = git.newWorkTree("a.txt", "a\n");

        GitCli.Result push =
                git.run(work, "push", GitServerUrls.of(path, TestTokens.push(path)), "main");

        assertThat(push.ok()).as(push.output()).isTrue();
        assertThat(push.output()).contains("* [new branch]      main -> main");
        Path dir = repositories.directoryOf(repo);
        assertThat(dir.toString()).endsWith(path + ".git");
        try (Repository stored = repositories.open(repo).orElseThrow()) {
            assertThat(stored.isBare()).isTrue();
            assertThat(stored.resolve("refs/heads/main").name()).isEqualTo(git.head(work, "HEAD"));
            assertThat(stored.getConfig().getBoolean("receive", "denyNonFastForwards", false))
                    .isTrue();
        }
    }

    @Test
    void aFirstPushOfAnotherBranchMakesItTheDefault() throws Exception {
        String path = Repos.newPath("trunk");
        Path work = git.newWorkTree("a.txt", "a\n");

        assertThat(
                        git.run(
                                        work,
                                        "push",
                                        GitServerUrls.of(path, TestTokens.push(path)),
                                        "main:trunk")
                                .ok())
                .isTrue();

        try (Repository stored = repositories.open(InternalRepoPath.parse(path)).orElseThrow()) {
            assertThat(stored.exactRef(Constants.HEAD).getTarget().getName())
                    .isEqualTo("refs/heads/trunk");
        }
    }

    @Test
    void aReadTokenCreatesNothing() {
        String path = Repos.newPath("nothing");

        git.run(git.newDirectory(), "clone", GitServerUrls.of(path, TestTokens.read(path)));

        assertThat(Files.exists(repositories.directoryOf(InternalRepoPath.parse(path)))).isFalse();
    }

    @Test
    void refusesAnotherRepositoryOverTheOwnersLimit() {
        String user = Repos.newUser();
        Path work = git.newWorkTree("a.txt", "a\n");
        for (String name : new String[] {"one", "two", "three"}) {
            String path = user + "/shop/" + name;
            assertThat(
                            git.run(
                                            work,
                                            "push",
                                            GitServerUrls.of(path, TestTokens.push(path)),
                                            "main")
                                    .ok())
                    .isTrue();
        }
        String fourth = user + "/blog/four";

        GitCli.Result push =
                git.run(work, "push", GitServerUrls.of(fourth, TestTokens.push(fourth)), "main");

        assertThat(push.ok()).isFalse();
        assertThat(push.output())
                .contains(
                        "remote: cannot create "
                                + fourth
                                + ": "
                                + user
                                + " already has 3 repositories");
        assertThat(repositories.countOwnedBy(user)).isEqualTo(3);
    }
}
