package ink.ml.deploy.gitauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.gitauth.GitTokenRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitTokenVerifierTest {
    private static final String KEY_1 = "CDF8Mfg8txTxvWl1vHG/MF4esFFxGmRbDVJKz4/TXRI=";
    private static final String KEY_2 = "GpK2bXVC/P5SpVNKs9Ig/NF7tYam0wEreExmQrbVBbI=";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final String REPO = "alice/shop/web";

    private final MutableClock clock = new MutableClock(NOW);
    private final GitTokenKeys keys = GitTokenKeys.of(Map.of("k1", KEY_1), Optional.of("k1"));
    private final GitTokenSigner signer = new GitTokenSigner(keys, clock);
    private final GitTokenVerifier verifier = new GitTokenVerifier(keys, clock);

    @Test
    void acceptsAFreshTokenForItsRepoAndAccess() throws Exception {
        MintedGitToken minted = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10));

        GitTokenClaims claims = verifier.verify(minted.token(), REPO, GitAccess.PUSH);

        assertThat(claims).isEqualTo(minted.claims());
        assertThat(claims.keyId()).isEqualTo("k1");
        assertThat(claims.expiresAt()).isAfter(NOW.plus(Duration.ofMinutes(10)));
        assertThat(minted.token()).startsWith("dpg_").doesNotContain("=");
    }

    @Test
    void pushTokenAlsoReadsButReadTokenDoesNotPush() throws Exception {
        String push = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10)).token();
        String read = signer.mint(REPO, GitAccess.READ, Duration.ofMinutes(10)).token();

        assertThat(verifier.verify(push, REPO, GitAccess.READ).access()).isEqualTo(GitAccess.PUSH);
        assertThat(verifier.verify(read, REPO, GitAccess.READ).access()).isEqualTo(GitAccess.READ);
        assertRefused(read, REPO, GitAccess.PUSH, Reason.WRONG_ACCESS);
    }

    @Test
    void refusesAnExpiredToken() {
        String token = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10)).token();

        clock.now = NOW.plus(Duration.ofMinutes(11));

        assertRefused(token, REPO, GitAccess.READ, Reason.EXPIRED);
    }

    @Test
    void refusesARevokedTokenAndOnlyThatOne() throws Exception {
        MintedGitToken revoked = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10));
        MintedGitToken other = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10));
        GitTokenVerifier withList =
                new GitTokenVerifier(keys, clock, id -> id.equals(revoked.claims().id()));

        assertThatThrownBy(() -> withList.verify(revoked.token(), REPO, GitAccess.READ))
                .isInstanceOfSatisfying(
                        GitTokenRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
                .hasMessage("the token was revoked: get a new one");
        assertThat(withList.verify(other.token(), REPO, GitAccess.PUSH)).isEqualTo(other.claims());
    }

    @Test
    void refusesATokenOfAnotherRepo() {
        String token =
                signer.mint("alice/shop/api", GitAccess.PUSH, Duration.ofMinutes(10)).token();

        assertRefused(token, REPO, GitAccess.READ, Reason.WRONG_REPO);
    }

    @Test
    void refusesATokenSignedWithAKeyNoLongerConfigured() {
        String token = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10)).token();
        GitTokenVerifier rotated =
                new GitTokenVerifier(GitTokenKeys.of(Map.of("k2", KEY_2), Optional.empty()), clock);

        assertThatThrownBy(() -> rotated.verify(token, REPO, GitAccess.READ))
                .isInstanceOf(GitTokenRefusedException.class)
                .extracting(e -> ((GitTokenRefusedException) e).reason())
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void rotationKeepsOldTokensWorkingWhileTheOldKeyStaysConfigured() throws Exception {
        String old = signer.mint(REPO, GitAccess.PUSH, Duration.ofMinutes(10)).token();
        GitTokenKeys both = GitTokenKeys.of(Map.of("k1", KEY_1, "k2", KEY_2), Optional.of("k2"));
        String fresh =
                new GitTokenSigner(both, clock)
                        .mint(REPO, GitAccess.PUSH, Duration.ofMinutes(1))
                        .token();
        GitTokenVerifier verifierOfBoth = new GitTokenVerifier(both, clock);

        assertThat(verifierOfBoth.verify(old, REPO, GitAccess.PUSH).keyId()).isEqualTo("k1");
        assertThat(verifierOfBoth.verify(fresh, REPO, GitAccess.PUSH).keyId()).isEqualTo("k2");
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() {
        String token =
                signer.mint("alice/shop/api", GitAccess.READ, Duration.ofMinutes(10)).token();
        String payload =
                new String(
                        Base64.getUrlDecoder().decode(token.substring(4, token.indexOf('.'))),
                        StandardCharsets.UTF_8);
        String forgedPayload =
                payload.replace("alice/shop/api", REPO).replace("\nread\n", "\npush\n");
        String forged =
                "dpg_"
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(forgedPayload.getBytes(StandardCharsets.UTF_8))
                        + token.substring(token.indexOf('.'));

        assertRefused(forged, REPO, GitAccess.PUSH, Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenSignedWithAnotherKeyOfTheSameId() {
        GitTokenKeys impostor = GitTokenKeys.of(Map.of("k1", KEY_2), Optional.of("k1"));
        String token =
                new GitTokenSigner(impostor, clock)
                        .mint(REPO, GitAccess.PUSH, Duration.ofMinutes(1))
                        .token();

        assertRefused(token, REPO, GitAccess.PUSH, Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "dpg_",
                "ghp_abcdef",
                "dpg_abc.def",
                "dpg_!!!.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "dpg_djEKazEKYWxpY2Uvc2hvcC93ZWIKcHVzaAoxMApub25jZQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void refusesMalformedTokensWithAMessageThatDoesNotQuoteThem(String token) {
        assertThatThrownBy(() -> verifier.verify(token, REPO, GitAccess.READ))
                .isInstanceOf(GitTokenRefusedException.class)
                .satisfies(
                        e -> {
                            assertThat(((GitTokenRefusedException) e).reason())
                                    .isEqualTo(Reason.MALFORMED);
                            if (!token.isEmpty()) {
                                assertThat(e.getMessage()).doesNotContain(token);
                            }
                        });
    }

    @Test
    void refusesNullAndOversizedTokens() {
        assertRefused(null, REPO, GitAccess.READ, Reason.MALFORMED);
        assertRefused("dpg_" + "A".repeat(2000), REPO, GitAccess.READ, Reason.MALFORMED);
    }

    @Test
    void refusalMessagesNeverContainTheToken() {
        String token =
                signer.mint("alice/shop/api", GitAccess.READ, Duration.ofMinutes(10)).token();
        for (Reason reason : Reason.values()) {
            assertThat(reason.message()).doesNotContain(token).isNotBlank();
        }
        assertThatThrownBy(() -> verifier.verify(token, REPO, GitAccess.PUSH))
                .hasMessageNotContaining(token)
                .hasMessageNotContaining(token.substring(token.indexOf('.') + 1));
    }

    private void assertRefused(String token, String repo, GitAccess needed, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(token, repo, needed))
                .isInstanceOf(GitTokenRefusedException.class)
                .hasMessage(reason.message())
                .extracting(e -> ((GitTokenRefusedException) e).reason())
                .isEqualTo(reason);
    }

    /** A clock the test moves on by hand. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
