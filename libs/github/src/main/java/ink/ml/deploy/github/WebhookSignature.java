package ink.ml.deploy.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body
 * under the webhook secret. The comparison takes the same time whatever the given signature shares
 * with the right one, so response times do not let a sender guess it byte by byte.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_LENGTH = 64;

    private final SecretKeySpec key;

    private WebhookSignature(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * @param secret the webhook secret as configured on GitHub (UTF-8); must not be blank, since a
     *     blank secret would make every signature forgeable
     */
    public static WebhookSignature withSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret must not be blank");
        }
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value GitHub sends for {@code body}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    /**
     * True when {@code headerValue} is the signature of {@code body}. A missing or malformed header
     * is simply not a match.
     */
    public boolean matches(byte[] body, String headerValue) {
        if (headerValue == null
                || headerValue.length() != PREFIX.length() + HEX_LENGTH
                || !headerValue.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(headerValue, PREFIX.length(), headerValue.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // MessageDigest.isEqual does not return early on the first differing byte.
        return MessageDigest.isEqual(mac(body), given);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
