package ink.ml.deploy.auth.github;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of PKCE (RFC 7636) with S256 towards GitHub: a random verifier and its challenge
 * (the platform's {@link ink.ml.deploy.platform.oauth.Pkce}, which the MCP authorization server
 * checks with).
 */
public final class Pkce {
    public static final String METHOD = ink.ml.deploy.platform.oauth.Pkce.S256;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {}

    /** 32 random bytes, base64url: 43 characters of the unreserved set, as RFC 7636 §4.1 asks. */
    public static String randomVerifier() {
        return randomToken();
    }

    /** Also used for the OAuth {@code state}: unguessable, URL-safe. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    public static String challenge(String verifier) {
        return ink.ml.deploy.platform.oauth.Pkce.challengeOf(verifier);
    }
}
