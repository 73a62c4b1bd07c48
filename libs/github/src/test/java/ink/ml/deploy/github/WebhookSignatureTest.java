package ink.ml.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // The example from GitHub's "Validating webhook deliveries" documentation.
    private static final WebhookSignature GITHUB_EXAMPLE =
            WebhookSignature.withSecret("It's a Secret to Everybody");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void signsLikeGitHubDocuments() {
        assertThat(GITHUB_EXAMPLE.sign(HELLO)).isEqualTo(HELLO_SIGNATURE);
    }

    @Test
    void acceptsTheSignatureGitHubSends() {
        assertThat(GITHUB_EXAMPLE.matches(HELLO, HELLO_SIGNATURE)).isTrue();
    }

    @Test
    void acceptsUppercaseHex() {
        String upper = "sha256=" + HELLO_SIGNATURE.substring(7).toUpperCase();

        assertThat(GITHUB_EXAMPLE.matches(HELLO, upper)).isTrue();
    }

    @Test
    void rejectsSignatureOfAnotherBody() {
        byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);

        assertThat(GITHUB_EXAMPLE.matches(tampered, HELLO_SIGNATURE)).isFalse();
    }

    @Test
    void rejectsSignatureMadeWithAnotherSecret() {
        String forged = WebhookSignature.withSecret("guessed").sign(HELLO);

        assertThat(GITHUB_EXAMPLE.matches(HELLO, forged)).isFalse();
    }

    @Test
    void rejectsMissingAndMalformedHeaders() {
        assertThat(GITHUB_EXAMPLE.matches(HELLO, null)).isFalse();
        assertThat(GITHUB_EXAMPLE.matches(HELLO, "")).isFalse();
        // The legacy SHA-1 header format is not accepted.
        assertThat(GITHUB_EXAMPLE.matches(HELLO, "sha1=" + HELLO_SIGNATURE.substring(7))).isFalse();
        assertThat(GITHUB_EXAMPLE.matches(HELLO, HELLO_SIGNATURE.substring(7))).isFalse();
        assertThat(GITHUB_EXAMPLE.matches(HELLO, HELLO_SIGNATURE + "00")).isFalse();
        assertThat(GITHUB_EXAMPLE.matches(HELLO, "sha256=" + "zz".repeat(32))).isFalse();
    }

    @Test
    void refusesBlankSecret() {
        assertThatThrownBy(() -> WebhookSignature.withSecret(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.withSecret(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
