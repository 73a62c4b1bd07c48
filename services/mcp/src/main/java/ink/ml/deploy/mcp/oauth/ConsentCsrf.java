package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.crypto.TokenHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The consent form's CSRF token: a keyed hash (the platform's token pepper) over the user's session
 * token, the exact authorization request and the time the page was shown. Another site cannot make
 * one (it knows neither the pepper nor the session), a token approves only the request it was shown
 * for, and it expires. Stateless: nothing to store or clean up.
 */
@ApplicationScoped
class ConsentCsrf {
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    private final TokenHasher hasher;

    ConsentCsrf(TokenHasher hasher) {
        this.hasher = hasher;
    }

    String issue(SignedIn user, AuthorizeParams params, Instant now) {
        long issuedAt = now.getEpochSecond();
        return issuedAt + "." + mac(user, params, issuedAt);
    }

    boolean verify(String token, SignedIn user, AuthorizeParams params, Instant now) {
        if (token == null || token.length() > 100) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issuedAt;
        try {
            issuedAt = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        Instant issued = Instant.ofEpochSecond(issuedAt);
        if (issued.isAfter(now.plusSeconds(5)) || issued.plus(MAX_AGE).isBefore(now)) {
            return false;
        }
        return MessageDigest.isEqual(
                mac(user, params, issuedAt).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(SignedIn user, AuthorizeParams params, long issuedAt) {
        String input =
                "mcp-consent\n" + user.sessionToken() + "\n" + params.toQuery() + "\n" + issuedAt;
        return HexFormat.of().formatHex(hasher.hash(input));
    }
}
