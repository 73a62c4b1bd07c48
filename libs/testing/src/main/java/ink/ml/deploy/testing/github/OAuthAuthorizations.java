package ink.ml.deploy.testing.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's OAuth web flow for one signed-in browser user: the authorize step hands out a single-use
 * code bound to the PKCE challenge, the exchange checks the client secret and the verifier and
 * returns a user token ({@code gho_…}) that {@code GET /user} and {@code /user/installations}
 * accept.
 */
final class OAuthAuthorizations {
    private final SecureRandom random = new SecureRandom();
    private final OAuthClientCredentials client;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final Map<String, GithubUser> tokens = new ConcurrentHashMap<>();

    private record Pending(GithubUser user, String challenge) {}

    OAuthAuthorizations(OAuthClientCredentials client) {
        this.client = client;
    }

    /** A code for {@code user}, who approved the client; PKCE S256 only, as the platform sends. */
    String authorize(GithubUser user, String clientId, String challenge, String method) {
        if (!client.clientId().equals(clientId)) {
            throw new IllegalArgumentException("client_id: not this App's OAuth client id");
        }
        if (challenge == null || !"S256".equals(method)) {
            throw new IllegalArgumentException(
                    "code_challenge and code_challenge_method=S256 are required");
        }
        String code = randomHex(10);
        codes.put(code, new Pending(user, challenge));
        return code;
    }

    /**
     * @return the user token, or GitHub's error name ({@code incorrect_client_credentials}, {@code
     *     bad_verification_code}) as the left side
     */
    Exchange exchange(String clientId, String clientSecret, String code, String verifier) {
        if (!client.clientId().equals(clientId)
                || !MessageDigest.isEqual(
                        client.clientSecret().getBytes(StandardCharsets.UTF_8),
                        String.valueOf(clientSecret).getBytes(StandardCharsets.UTF_8))) {
            return new Exchange(null, "incorrect_client_credentials");
        }
        Pending pending = code == null ? null : codes.remove(code);
        if (pending == null || verifier == null || !pending.challenge().equals(s256(verifier))) {
            return new Exchange(null, "bad_verification_code");
        }
        String token = "gho_" + randomHex(18);
        tokens.put(token, pending.user());
        return new Exchange(token, null);
    }

    record Exchange(String token, String error) {}

    Optional<GithubUser> userOf(String token) {
        return Optional.ofNullable(token == null ? null : tokens.get(token));
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
