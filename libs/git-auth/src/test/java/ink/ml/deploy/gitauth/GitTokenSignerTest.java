package ink.ml.deploy.gitauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitTokenSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.250Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final GitTokenKeys keys =
            GitTokenKeys.of(
                    Map.of("k1", "CDF8Mfg8txTxvWl1vHG/MF4esFFxGmRbDVJKz4/TXRI="),
                    Optional.of("k1"));
    private final GitTokenSigner signer = new GitTokenSigner(keys, clock);

    @Test
    void everyTokenIsUniqueAndCarriesItsClaims() {
        MintedGitToken a = signer.mint("alice/shop/web", GitAccess.READ, Duration.ofMinutes(5));
        MintedGitToken b = signer.mint("alice/shop/web", GitAccess.READ, Duration.ofMinutes(5));

        assertThat(a.token()).isNotEqualTo(b.token());
        assertThat(a.claims().id()).isNotEqualTo(b.claims().id()).hasSize(32);
        assertThat(a.claims().repoPath()).isEqualTo("alice/shop/web");
        assertThat(a.claims().access()).isEqualTo(GitAccess.READ);
        assertThat(a.claims().expiresAt()).isEqualTo(Instant.parse("2026-11-27T10:05:01Z"));
    }

    @Test
    void toStringNeverShowsTheToken() {
        MintedGitToken minted = signer.mint("alice/shop/web", GitAccess.PUSH, Duration.ofHours(1));

        assertThat(minted.toString()).doesNotContain(minted.token()).contains("alice/shop/web");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "/alice/web", "alice/../etc", "Alice/web", "alice//web", "a\nb", "a/b/"})
    void refusesRepoPathsThatAreNotCanonical(String path) {
        assertThatThrownBy(() -> signer.mint(path, GitAccess.READ, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("repoPath:");
    }

    @Test
    void refusesANonPositiveTtl() {
        assertThatThrownBy(() -> signer.mint("a/b/c", GitAccess.READ, Duration.ZERO))
                .hasMessageStartingWith("ttl:");
    }

    @Test
    void aVerifyOnlyKeySetCannotSign() {
        GitTokenKeys verifyOnly =
                GitTokenKeys.of(
                        Map.of("k1", "CDF8Mfg8txTxvWl1vHG/MF4esFFxGmRbDVJKz4/TXRI="),
                        Optional.empty());

        assertThatThrownBy(() -> new GitTokenSigner(verifyOnly, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mcpdeploy.git-tokens.active-key");
    }
}
