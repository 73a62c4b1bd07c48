package ink.ml.deploy.gitauth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wire form of a git token: {@code dpg_<base64url(payload)>.<base64url(HMAC-SHA256)>}, where
 * the payload is the UTF-8 text {@code v1\n<keyId>\n<repoPath>\n<access>\n<expiresAt epoch
 * seconds>\n<token id>} and the MAC covers everything before the dot (prefix included). Both base64
 * parts are unpadded.
 */
final class GitTokenFormat {
    static final String PREFIX = "dpg_";
    static final String VERSION = "v1";
    static final int FIELDS = 6;

    /** A token is a password in a URL-safe alphabet; anything longer than this is not ours. */
    static final int MAX_LENGTH = 1024;

    static final int MAX_REPO_PATH_LENGTH = 255;

    /**
     * Lowercase segments of letters, digits, '.', '_' and '-', joined by '/': what every side's
     * repository names reduce to. No '..' segments, no newline (the payload's separator).
     */
    private static final Pattern REPO_PATH =
            Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*");

    private GitTokenFormat() {}

    static boolean isRepoPath(String path) {
        return path != null
                && path.length() <= MAX_REPO_PATH_LENGTH
                && REPO_PATH.matcher(path).matches()
                && !path.contains("..");
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String payload(GitTokenClaims claims) {
        return String.join(
                "\n",
                VERSION,
                claims.keyId(),
                claims.repoPath(),
                claims.access().value(),
                Long.toString(claims.expiresAt().getEpochSecond()),
                claims.id());
    }

    static byte[] mac(byte[] key, String signedPart) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signedPart.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
