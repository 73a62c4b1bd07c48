package ink.ml.deploy.gitserver.revocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.workflow.git.RevokedGitToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revocation list on disk: what survives a restart and what is dropped. */
class RevokedGitTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String A = "0123456789abcdef0123456789abcdef";
    private static final String B = "fedcba9876543210fedcba9876543210";

    @TempDir Path root;

    @Test
    void aRestartReadsBackWhatWasRevoked() {
        RevokedGitTokens before = list(NOW);
        before.add(new RevokedGitToken(A, NOW.plus(Duration.ofHours(1))));

        RevokedGitTokens after = list(NOW);

        assertThat(after.isRevoked(A)).isTrue();
        assertThat(after.isRevoked(B)).isFalse();
    }

    @Test
    void addingATokenTwiceListsItOnce() throws Exception {
        RevokedGitTokens revoked = list(NOW);
        revoked.add(new RevokedGitToken(A, NOW.plus(Duration.ofHours(1))));
        revoked.add(new RevokedGitToken(A, NOW.plus(Duration.ofHours(1))));

        assertThat(revoked.size()).isEqualTo(1);
        assertThat(Files.readAllLines(root.resolve(RevokedGitTokens.FILE_NAME))).hasSize(1);
    }

    @Test
    void entriesAreDroppedOnceTheirTokenHasExpired() throws Exception {
        list(NOW).add(new RevokedGitToken(A, NOW.plus(Duration.ofMinutes(5))));

        RevokedGitTokens later = list(NOW.plus(Duration.ofMinutes(10)));
        later.add(new RevokedGitToken(B, NOW.plus(Duration.ofHours(1))));
        later.add(new RevokedGitToken(A, NOW.minus(Duration.ofMinutes(1))));

        assertThat(later.isRevoked(A)).isFalse();
        assertThat(later.isRevoked(B)).isTrue();
        assertThat(
                        Files.readAllLines(
                                root.resolve(RevokedGitTokens.FILE_NAME), StandardCharsets.UTF_8))
                .containsExactly(B + " " + NOW.plus(Duration.ofHours(1)).getEpochSecond());
    }

    @Test
    void refusesAnIdThatIsNotATokenIdAndAFileItCannotRead() throws Exception {
        RevokedGitTokens revoked = list(NOW);
        assertThatThrownBy(() -> revoked.add(new RevokedGitToken("../x", NOW.plusSeconds(60))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tokenId: must be 32 lowercase hex characters");

        Files.writeString(root.resolve(RevokedGitTokens.FILE_NAME), "not a line\n");
        assertThatThrownBy(() -> list(NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a line is not");
    }

    private RevokedGitTokens list(Instant now) {
        RevokedGitTokens revoked = new RevokedGitTokens(root, Clock.fixed(now, ZoneOffset.UTC));
        revoked.load();
        return revoked;
    }
}
