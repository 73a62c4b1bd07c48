package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class RemoteRepositoriesTest {
    private final RemoteRepositories remotes =
            new RemoteRepositories(
                    "https://github.com",
                    "http://git-server:8086/",
                    installation -> {
                        if (installation == 9) {
                            throw new GithubTokenException("installation 9 is gone", true);
                        }
                        return "ghs_token" + installation;
                    },
                    repository -> Optional.of("dpg_for_" + repository));

    @Test
    void githubRepositoryIsClonedWithTheInstallationToken() throws Exception {
        RemoteRepository remote = remotes.resolve(SourceKind.GITHUB, "octo/shop", 42L);

        assertThat(remote.url()).isEqualTo("https://github.com/octo/shop.git");
        assertThat(password(remote)).isEqualTo("ghs_token42");
        assertThat(remote.toString()).doesNotContain("ghs_");
    }

    @Test
    void internalRepositoryIsClonedFromTheGitServerWithItsToken() throws Exception {
        RemoteRepository remote = remotes.resolve(SourceKind.INTERNAL, "alice/default/shop", null);

        assertThat(remote.url()).isEqualTo("http://git-server:8086/alice/default/shop.git");
        assertThat(password(remote)).isEqualTo("dpg_for_alice/default/shop");
    }

    @Test
    void githubRepositoryWithoutInstallationIsACloneFailure() {
        assertThatThrownBy(() -> remotes.resolve(SourceKind.GITHUB, "octo/shop", null))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.getOriginalMessage()).contains("install the app");
                        });
    }

    @Test
    void goneInstallationIsACloneFailure() {
        assertThatThrownBy(() -> remotes.resolve(SourceKind.GITHUB, "octo/shop", 9L))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED));
    }

    @Test
    void refusesNamesThatWouldChangeTheUrl() {
        assertThatThrownBy(() -> remotes.resolve(SourceKind.GITHUB, "octo/../../evil", 42L))
                .isInstanceOf(ApplicationFailure.class);
        assertThatThrownBy(() -> remotes.resolve(SourceKind.INTERNAL, "../shop", null))
                .isInstanceOf(ApplicationFailure.class);
        assertThatThrownBy(() -> remotes.resolve(SourceKind.INTERNAL, "alice/../../shop", null))
                .isInstanceOf(ApplicationFailure.class);
        assertThatThrownBy(() -> remotes.resolve(SourceKind.INTERNAL, "shop", null))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getOriginalMessage())
                                        .contains("not an internal repository path"));
        assertThatThrownBy(() -> remotes.resolve(null, "octo/shop", null))
                .isInstanceOf(ApplicationFailure.class);
    }

    private static String password(RemoteRepository remote) throws Exception {
        CredentialItem.Password password = new CredentialItem.Password();
        remote.jgitCredentials().get(new URIish(remote.url()), password);
        return new String(password.getValue());
    }
}
