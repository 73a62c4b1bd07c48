package ink.ml.deploy.deployer.worker.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RepositoryCloner} does, against a bare repository on disk: each
 * implementation's test class extends this one, so both are held to the same behaviour and
 * messages.
 */
abstract class RepositoryClonerContract {
    private static final long LIMIT = 50L * 1024 * 1024;

    @TempDir Path workDir;
    BareRepositoryFixture repo;
    RepositoryCloner cloner;

    abstract RepositoryCloner newCloner(Path workDir, long maxBytes, Duration timeout, Clock clock);

    @BeforeEach
    void setUp() {
        repo = BareRepositoryFixture.create();
        cloner = newCloner(workDir, LIMIT, Duration.ofMinutes(1), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void clonesTheRequestedCommitNotTheBranchTip() throws IOException {
        String first = repo.commit(Map.of("app.txt", "first".getBytes(UTF_8)));
        repo.commit(Map.of("app.txt", "second".getBytes(UTF_8), "later.txt", bytes("x")));

        try (GitCheckout checkout = clone(first, "")) {
            assertThat(checkout.commit().value()).isEqualTo(first);
            assertThat(Files.readString(checkout.root().resolve("app.txt"))).isEqualTo("first");
            assertThat(checkout.root().resolve("later.txt")).doesNotExist();
            assertThat(checkout.root().resolve(".git")).doesNotExist();
        }
    }

    @Test
    void keepsTheExecutableBit() {
        String sha =
                repo.commit(
                        Map.of("run.sh", bytes("#!/bin/sh\n"), "data", bytes("x")),
                        Set.of("run.sh"));

        try (GitCheckout checkout = clone(sha, "")) {
            assertThat(Files.isExecutable(checkout.root().resolve("run.sh"))).isTrue();
            assertThat(Files.isExecutable(checkout.root().resolve("data"))).isFalse();
        }
    }

    @Test
    void closingTheCheckoutDeletesIt() {
        String sha = repo.commit(Map.of("Dockerfile", bytes("FROM scratch\n")));

        GitCheckout checkout = clone(sha, "");
        Path root = checkout.root();
        checkout.close();

        assertThat(root).doesNotExist();
        assertThat(workDirEntries()).isZero();
    }

    @Test
    void commitNotInTheRepositoryIsACloneFailure() {
        repo.commit(Map.of("Dockerfile", bytes("FROM scratch\n")));
        String unknown = "1111111111111111111111111111111111111111";

        assertThatThrownBy(() -> clone(unknown, ""))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage()).contains(unknown);
                        });
        assertThat(workDirEntries()).isZero();
    }

    @Test
    void unknownRepositoryIsACloneFailure() {
        RemoteRepository missing = new RemoteRepository("nope", repo.baseUrl() + "/nope.git", null);

        assertThatThrownBy(
                        () ->
                                cloner.clone(
                                        missing,
                                        GitSha.of("1111111111111111111111111111111111111111"),
                                        "",
                                        () -> false))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED));
    }

    @Test
    void refusesSubmodulesInTheBuildContext() {
        repo.commit(Map.of("Dockerfile", bytes("FROM scratch\n")));
        String sha = repo.commitSubmodule("vendor/lib");

        assertThatThrownBy(() -> clone(sha, ""))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.getOriginalMessage())
                                    .contains("submodules")
                                    .contains("vendor/lib");
                        });
        assertThat(workDirEntries()).isZero();
    }

    @Test
    void acceptsSubmodulesOutsideTheBuildContext() {
        repo.commit(Map.of("web/Dockerfile", bytes("FROM scratch\n")));
        String sha = repo.commitSubmodule("docs/theme");

        try (GitCheckout checkout = clone(sha, "web")) {
            assertThat(checkout.root().resolve("web/Dockerfile")).exists();
        }
    }

    @Test
    void refusesGitLfsFiles() {
        String sha =
                repo.commit(
                        Map.of(
                                "Dockerfile", bytes("FROM scratch\n"),
                                ".gitattributes",
                                        bytes("*.bin filter=lfs diff=lfs merge=lfs -text\n"),
                                "model.bin",
                                        bytes(
                                                "version https://git-lfs.github.com/spec/v1\n"
                                                        + "oid sha256:abc\nsize 12345\n")));

        assertThatThrownBy(() -> clone(sha, ""))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.getOriginalMessage())
                                    .contains("Git LFS")
                                    .contains(".gitattributes");
                        });
    }

    @Test
    void refusesARepositoryLargerThanTheLimit() {
        RepositoryCloner small =
                newCloner(workDir, 64 * 1024, Duration.ofMinutes(1), Clock.systemUTC());
        // Random bytes do not compress: the pack is as large as the tree.
        byte[] large = new byte[256 * 1024];
        new java.util.Random(1).nextBytes(large);
        String sha = repo.commit(Map.of("Dockerfile", bytes("FROM scratch\n"), "blob", large));

        assertThatThrownBy(() -> small.clone(repo.remote(), GitSha.of(sha), "", () -> false))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED);
                            assertThat(failure.getOriginalMessage()).contains("larger than");
                        });
        assertThat(workDirEntries()).isZero();
    }

    @Test
    void cancelledCloneStopsAndLeavesNothingBehind() {
        String sha = repo.commit(Map.of("Dockerfile", bytes("FROM scratch\n")));

        assertThatThrownBy(() -> cloner.clone(repo.remote(), GitSha.of(sha), "", () -> true))
                .isInstanceOf(CancellationException.class);
        assertThat(workDirEntries()).isZero();
    }

    GitCheckout clone(String sha, String context) {
        return cloner.clone(repo.remote(), GitSha.of(sha), context, () -> false);
    }

    long workDirEntries() {
        try (Stream<Path> entries = Files.list(workDir)) {
            return entries.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
