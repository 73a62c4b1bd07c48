package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Branch heads read from a real bare repository, served as the git-server serves them. */
class SourceActivitiesImplTest {
    private final BareRepositoryFixture repository = BareRepositoryFixture.create();
    private final SourceActivitiesImpl activities =
            new SourceActivitiesImpl(
                    new RemoteRepositories(
                            "https://github.invalid",
                            repository.baseUrl(),
                            installation -> {
                                throw new GithubTokenException("not in this test", true);
                            },
                            repositoryPath -> Optional.empty()));

    @AfterEach
    void deleteRepository() {
        repository.close();
    }

    @Test
    void resolvesTheNewestCommitOfTheBranch() {
        repository.commit(Map.of("README", bytes("first")));
        String newest = repository.commit(Map.of("README", bytes("second")));

        BranchHead head =
                activities.resolveBranchHead(
                        new ResolveBranchHeadRequest(
                                SourceKind.INTERNAL, BareRepositoryFixture.NAME, null, "main"));

        assertThat(head).isEqualTo(new BranchHead("main", newest));
    }

    @Test
    void aBranchThatDoesNotExistIsANonRetryableFailureNamingIt() {
        repository.commit(Map.of("README", bytes("first")));

        assertThatThrownBy(
                        () ->
                                activities.resolveBranchHead(
                                        new ResolveBranchHeadRequest(
                                                SourceKind.INTERNAL,
                                                BareRepositoryFixture.NAME,
                                                null,
                                                "release")))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType())
                                    .isEqualTo(SourceActivities.BRANCH_NOT_FOUND);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage())
                                    .isEqualTo(
                                            "branch release does not exist in "
                                                    + BareRepositoryFixture.NAME
                                                    + ": push it"
                                                    + " first, or change the branch the service"
                                                    + " tracks");
                        });
    }

    @Test
    void aRepositoryThatDoesNotExistIsACloneFailure() {
        assertThatThrownBy(
                        () ->
                                activities.resolveBranchHead(
                                        new ResolveBranchHeadRequest(
                                                SourceKind.INTERNAL, "nothing-here", null, "main")))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.isNonRetryable()).isTrue();
                        });
    }

    @Test
    void aGithubRepositoryWithoutInstallationIsRefusedBeforeAnyNetworkCall() {
        assertThatThrownBy(
                        () ->
                                activities.resolveBranchHead(
                                        new ResolveBranchHeadRequest(
                                                SourceKind.GITHUB, "octo/shop", null, "main")))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.getOriginalMessage()).contains("install the app");
                        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
