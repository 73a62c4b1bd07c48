package ink.ml.deploy.graphql.auth.github;

import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals a {@link LoginAttempt} into the cookie that binds a sign-in to the browser, and opens it
 * again. AES-GCM (the platform's {@link SecretBox}) keeps the verifier secret and refuses a cookie
 * that was altered or made up.
 */
@ApplicationScoped
class LoginAttemptCookie {
    static final String NAME = "mcpdeploy_github_login";

    /** Sent only to the callback. */
    static final String PATH = "/auth/github";

    private static final String ASSOCIATED_DATA = "graphql/github-login-cookie";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretBox box;

    LoginAttemptCookie(SecretBox box) {
        this.box = box;
    }

    NewCookie issue(LoginAttempt attempt, Instant now) {
        String plain =
                attempt.state()
                        + "|"
                        + attempt.verifier()
                        + "|"
                        + attempt.expiresAt().getEpochSecond();
        SealedValue sealed = box.seal(plain.getBytes(StandardCharsets.US_ASCII), ASSOCIATED_DATA);
        String value = sealed.keyId() + "." + ENCODER.encodeToString(sealed.bytes());
        return cookie(value, (int) Duration.between(now, attempt.expiresAt()).toSeconds());
    }

    /** Expires the cookie in the browser: a sign-in attempt is used once. */
    NewCookie clear() {
        return cookie("", 0);
    }

    /** The attempt in a presented cookie; empty when it is missing, altered or not ours. */
    Optional<LoginAttempt> open(String value) {
        if (value == null || value.length() > 512) {
            return Optional.empty();
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] opened =
                    box.open(
                            new SealedValue(
                                    value.substring(0, dot),
                                    DECODER.decode(value.substring(dot + 1))),
                            ASSOCIATED_DATA);
            String[] parts = new String(opened, StandardCharsets.US_ASCII).split("\\|");
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(
                    new LoginAttempt(
                            parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bad base64, an unknown key id, a failed tag check: all mean "not a cookie we made".
            return Optional.empty();
        }
    }

    private static NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(NAME)
                .value(value)
                .path(PATH)
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(true)
                // Lax, not Strict: GitHub's redirect back is a cross-site top-level navigation,
                // which must carry the cookie.
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
