package ink.ml.deploy.auth.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ink.ml.deploy.github.oauth.GithubSignInException;
import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import jakarta.ws.rs.core.NewCookie;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals a {@link PendingSignIn} into the cookie that binds a GitHub sign-in to the browser that
 * started it, and opens it again. AES-GCM (the platform's {@link SecretBox}) keeps the verifier
 * secret and refuses a cookie that was altered or made up.
 */
public final class PendingSignInCookie {
    /** Browsers keep cookies up to 4 KiB. */
    static final int MAX_LENGTH = 4096;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretBox box;
    private final ObjectMapper json;
    private final SignInCookieSpec spec;

    public PendingSignInCookie(SecretBox box, ObjectMapper json, SignInCookieSpec spec) {
        this.box = box;
        this.json = json;
        this.spec = spec;
    }

    public String name() {
        return spec.name();
    }

    public NewCookie issue(PendingSignIn pending, Instant now) {
        ObjectNode plain =
                json.createObjectNode()
                        .put("state", pending.state())
                        .put("verifier", pending.verifier())
                        .put("returnTo", pending.returnTo())
                        .put("expires", pending.expiresAt().getEpochSecond());
        SealedValue sealed;
        try {
            sealed = box.seal(json.writeValueAsBytes(plain), spec.associatedData());
        } catch (IOException e) {
            throw new IllegalStateException("the sign-in cookie cannot be written", e);
        }
        String value = sealed.keyId() + "." + ENCODER.encodeToString(sealed.bytes());
        if (value.length() > MAX_LENGTH) {
            throw GithubSignInException.rejected(
                    "the request is too long to carry through sign-in");
        }
        return cookie(value, (int) Duration.between(now, pending.expiresAt()).toSeconds());
    }

    /** Expires the cookie in the browser: a sign-in is used once. */
    public NewCookie clear() {
        return cookie("", 0);
    }

    /** The sign-in in a presented cookie; empty when it is missing, altered or not ours. */
    public Optional<PendingSignIn> open(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
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
                            spec.associatedData());
            JsonNode node = json.readTree(opened);
            return Optional.of(
                    new PendingSignIn(
                            node.path("state").asText(),
                            node.path("verifier").asText(),
                            node.path("returnTo").asText(),
                            Instant.ofEpochSecond(node.path("expires").asLong())));
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            // Bad base64, an unknown key id, a failed tag check: all mean "not a cookie we made".
            return Optional.empty();
        }
    }

    private NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(spec.name())
                .value(value)
                .path(spec.path())
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(spec.secure())
                // Lax, not Strict: GitHub's redirect back is a cross-site top-level navigation,
                // which must carry the cookie.
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
