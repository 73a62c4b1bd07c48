package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.GitTokenKeys;
import ink.ml.deploy.gitauth.GitTokenRefusedException;
import ink.ml.deploy.gitauth.GitTokenSigner;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignedGitServerTokensTest {
    private static final Map<String, String> KEYS =
            Map.of("k1", "Kq3Qm5Qb7vZ2mUj0cS9m4Q2x1XW5yq1cJ8b4a0F2H6E=");

    private final SignedGitServerTokens tokens =
            new SignedGitServerTokens(
                    new GitTokenSigner(GitTokenKeys.of(KEYS, Optional.of("k1")), Clock.systemUTC()),
                    Duration.ofMinutes(6));
    private final GitTokenVerifier gitServer =
            new GitTokenVerifier(GitTokenKeys.of(KEYS, Optional.empty()), Clock.systemUTC());

    @Test
    void mintsAFreshReadTokenForTheOneRepositoryTheGitServerAccepts() throws Exception {
        String first = tokens.tokenFor("alice/shop/web").orElseThrow();
        String second = tokens.tokenFor("alice/shop/web").orElseThrow();

        assertThat(first).isNotEqualTo(second);
        assertThat(gitServer.verify(first, "alice/shop/web", GitAccess.READ).expiresAt())
                .isBefore(java.time.Instant.now().plus(Duration.ofMinutes(7)));
        assertThatThrownBy(() -> gitServer.verify(first, "alice/shop/web", GitAccess.PUSH))
                .isInstanceOf(GitTokenRefusedException.class);
        assertThatThrownBy(() -> gitServer.verify(first, "alice/shop/api", GitAccess.READ))
                .isInstanceOf(GitTokenRefusedException.class);
    }
}
