package ink.ml.deploy.auth.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.platform.crypto.CryptoConfig;
import ink.ml.deploy.platform.crypto.SecretBox;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingSignInCookieTest {
    private static final String KEY = "CDF8Mfg8txTxvWl1vHG/MF4esFFxGmRbDVJKz4/TXRI=";
    private static final String OTHER_KEY = "GpK2bXVC/P5SpVNKs9Ig/NF7tYam0wEreExmQrbVBbI=";

    private static final SignInCookieSpec SPEC =
            new SignInCookieSpec("mcpdeploy_github_login", "/auth/github", "test/cookie", true);

    private final PendingSignInCookie cookies = cookies(box("t1", KEY));
    private final Instant now = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void anIssuedCookieOpensToTheSameAttemptAndHidesIt() {
        PendingSignIn attempt = PendingSignIn.start(now, Duration.ofMinutes(10), "");

        NewCookie cookie = cookies.issue(attempt, now);

        assertThat(cookie.getMaxAge()).isEqualTo(600);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
        assertThat(cookie.getValue())
                .doesNotContain(attempt.state())
                .doesNotContain(attempt.verifier());
        PendingSignIn opened = cookies.open(cookie.getValue()).orElseThrow();
        assertThat(opened.state()).isEqualTo(attempt.state());
        assertThat(opened.verifier()).isEqualTo(attempt.verifier());
        assertThat(opened.expiresAt())
                .isEqualTo(attempt.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aCookieSealedWithAnotherKeyOrAlteredDoesNotOpen() {
        PendingSignIn attempt = PendingSignIn.start(now, Duration.ofMinutes(10), "");
        String value = cookies.issue(attempt, now).getValue();
        String foreign = cookies(box("t1", OTHER_KEY)).issue(attempt, now).getValue();

        assertThat(cookies.open(foreign)).isEmpty();
        assertThat(cookies.open(value.replace("t1.", "t2."))).isEmpty();
        // A character in the middle: all six of its bits count (the last one of unpadded base64 may
        // carry only padding bits, which a decoder ignores, so changing it may change nothing).
        int middle = value.length() / 2;
        char altered = value.charAt(middle) == 'A' ? 'B' : 'A';
        assertThat(cookies.open(value.substring(0, middle) + altered + value.substring(middle + 1)))
                .isEmpty();
        assertThat(cookies.open("")).isEmpty();
        assertThat(cookies.open("no-dot")).isEmpty();
        assertThat(cookies.open("t1.!!!")).isEmpty();
        assertThat(cookies.open(null)).isEmpty();
    }

    @Test
    void anAttemptExpiresAndComparesItsStateExactly() {
        PendingSignIn attempt = PendingSignIn.start(now, Duration.ofMinutes(10), "");

        assertThat(attempt.isExpiredAt(now.plus(Duration.ofMinutes(9)))).isFalse();
        assertThat(attempt.isExpiredAt(now.plus(Duration.ofMinutes(10)))).isTrue();
        assertThat(attempt.stateMatches(attempt.state())).isTrue();
        assertThat(attempt.stateMatches(attempt.state() + "x")).isFalse();
        assertThat(attempt.stateMatches(null)).isFalse();
        assertThat(attempt.toString())
                .doesNotContain(attempt.state())
                .doesNotContain(attempt.verifier());
    }

    private static PendingSignInCookie cookies(SecretBox box) {
        return new PendingSignInCookie(box, new ObjectMapper(), SPEC);
    }

    private static SecretBox box(String id, String key) {
        return new SecretBox(
                new CryptoConfig() {
                    @Override
                    public Map<String, String> keys() {
                        return Map.of(id, key);
                    }

                    @Override
                    public String activeKey() {
                        return id;
                    }

                    @Override
                    public String tokenPepper() {
                        return KEY;
                    }
                });
    }
}
