package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloneFailuresTest {
    private static final RemoteRepository REMOTE =
            new RemoteRepository("acme/shop", "http://127.0.0.1:1/acme/shop.git", null);
    private static final GitSha COMMIT = GitSha.of("0123456789abcdef0123456789abcdef01234567");

    private final CloneFailures failures = new CloneFailures(500L << 20, Duration.ofMinutes(5));

    @Test
    void aFetchThatRanOutOfDiskSaysSoInsteadOfBlamingTheCommit() {
        RuntimeException failure =
                failures.fetchFailed(
                        "fatal: write error: No space left on device\n"
                                + "fatal: fetch-pack: invalid index-pack output",
                        false,
                        REMOTE,
                        COMMIT,
                        () -> true,
                        null);

        assertThat(failure).isInstanceOf(ApplicationFailure.class);
        ApplicationFailure refused = (ApplicationFailure) failure;
        assertThat(refused.getType()).isEqualTo(StepFailure.CLONE_FAILED);
        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(refused.getOriginalMessage())
                .startsWith("the build machine ran out of disk space while cloning acme/shop")
                .contains("not a problem in your code")
                .doesNotContain("force-pushed");
    }

    @Test
    void aCheckoutStepThatRanOutOfDiskBecomesTheDiskFullReasonAndOtherFailuresStayAsTheyAre() {
        RuntimeException full =
                new UncheckedIOException(
                        "cannot create a checkout directory in /tmp",
                        new IOException("No space left on device"));
        RuntimeException other = new IllegalStateException("git checkout for acme/shop failed: x");

        assertThat(((ApplicationFailure) failures.orDiskFull(full, REMOTE)).getType())
                .isEqualTo(StepFailure.CLONE_FAILED);
        assertThat(failures.orDiskFull(other, REMOTE)).isSameAs(other);
    }
}
