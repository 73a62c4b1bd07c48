package ink.ml.deploy.platform.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.RepoName;
import ink.ml.deploy.domain.UserId;
import org.junit.jupiter.api.Test;

/** The one rule for a repository's remote, whatever shape the public URL is configured in. */
class GitRemotesTest {
    private static final InternalRepoPath PATH =
            new InternalRepoPath(UserId.of("u42"), ProjectName.of("shop"), RepoName.of("web"));

    @Test
    void joinsThePathOnceWithOrWithoutATrailingSlash() {
        assertThat(GitRemotes.of("https://git.ml.ink", PATH).toString())
                .isEqualTo("https://git.ml.ink/u42/shop/web.git");
        assertThat(GitRemotes.of("https://git.ml.ink/", PATH).toString())
                .isEqualTo("https://git.ml.ink/u42/shop/web.git");
    }

    @Test
    void keepsABasePathAndAPort() {
        assertThat(GitRemotes.of("http://127.0.0.1:8086/git", PATH).toString())
                .isEqualTo("http://127.0.0.1:8086/git/u42/shop/web.git");
        assertThat(GitRemotes.of("http://127.0.0.1:8086/git/", PATH).toString())
                .isEqualTo("http://127.0.0.1:8086/git/u42/shop/web.git");
    }

    @Test
    void theAuthenticatedRemoteCarriesTheTokenAsThePasswordOfTheOneUserName() {
        GitRemote remote = GitRemotes.of("http://127.0.0.1:8086/", PATH);

        assertThat(remote.authenticated("dpg_abc.def-_x"))
                .isEqualTo("http://git:dpg_abc.def-_x@127.0.0.1:8086/u42/shop/web.git");
    }

    @Test
    void refusesAPublicUrlThatIsNotAbsolute() {
        assertThatThrownBy(() -> GitRemotes.of("git.ml.ink", PATH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mcpdeploy.git-server.public-url");
    }
}
