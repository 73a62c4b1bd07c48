package ink.ml.deploy.testing.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a GitHub App JWT as GitHub documents it: RS256 signed with the App's private key, issuer
 * the App id, issued no later than a minute from now, expiring in the future and at most ten
 * minutes after it was issued. Answers why a token is refused, as GitHub's 401 body would.
 */
final class AppJwtVerifier {
    /** GitHub tolerates this much clock drift on {@code iat}. */
    private static final long SKEW_SECONDS = 60;

    /** GitHub refuses App JWTs that live longer than ten minutes. */
    private static final long MAX_LIFETIME_SECONDS = 600;

    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ISS = Pattern.compile("\"iss\"\\s*:\\s*\"?([0-9A-Za-z._-]+)\"?");
    private static final Pattern IAT = Pattern.compile("\"iat\"\\s*:\\s*(\\d+)");
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private final String appId;
    private final PublicKey publicKey;
    private final Clock clock;

    AppJwtVerifier(String appId, PublicKey publicKey, Clock clock) {
        this.appId = appId;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    /**
     * @return empty when the token is the App's and valid now; otherwise why it is refused
     */
    Optional<String> refusal(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("A JSON web token could not be decoded");
        }
        String header;
        String payload;
        byte[] signature;
        try {
            header = decode(parts[0]);
            payload = decode(parts[1]);
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.of("A JSON web token could not be decoded");
        }
        if (!"RS256".equals(claim(ALG, header).orElse(""))) {
            return Optional.of("'alg' must be RS256");
        }
        if (!signedByTheApp(parts[0] + "." + parts[1], signature)) {
            return Optional.of("the JWT's signature does not match the App's public key");
        }
        if (!appId.equals(claim(ISS, payload).orElse(""))) {
            return Optional.of("'iss' must be the App id " + appId);
        }
        long now = clock.instant().getEpochSecond();
        long iat = claim(IAT, payload).map(Long::parseLong).orElse(-1L);
        long exp = claim(EXP, payload).map(Long::parseLong).orElse(-1L);
        if (iat < 0 || exp < 0) {
            return Optional.of("'iat' and 'exp' are required");
        }
        if (iat > now + SKEW_SECONDS) {
            return Optional.of(
                    "'Issued at' claim ('iat') must be an Integer representing a time in the past");
        }
        if (exp <= now) {
            return Optional.of("'Expiration time' claim ('exp') is in the past");
        }
        if (exp - iat > MAX_LIFETIME_SECONDS) {
            return Optional.of("'Expiration time' claim ('exp') is too far in the future");
        }
        return Optional.empty();
    }

    private boolean signedByTheApp(String signingInput, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static Optional<String> claim(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
