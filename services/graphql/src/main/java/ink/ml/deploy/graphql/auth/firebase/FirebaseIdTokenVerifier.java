package ink.ml.deploy.graphql.auth.firebase;

import ink.ml.deploy.platform.sessions.FirebaseIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies a Firebase ID token the way Firebase documents it: RS256 signature by one of Google's
 * published keys (found by {@code kid}), {@code aud} = project id, {@code iss} = {@code
 * https://securetoken.google.com/<projectId>}, {@code exp} in the future, {@code iat} and {@code
 * auth_time} in the past, {@code sub} non-empty and at most 128 characters.
 *
 * <p>The keys are fetched from the JWKS URL on first use and cached as its Cache-Control says; a
 * token with an unknown {@code kid} triggers one refresh (Google rotates keys).
 */
@ApplicationScoped
public class FirebaseIdTokenVerifier {
    static final String ISSUER_PREFIX = "https://securetoken.google.com/";
    private static final int MAX_UID = 128;

    private final FirebaseConfig config;
    private final Optional<JwtConsumer> consumer;

    public FirebaseIdTokenVerifier(FirebaseConfig config) {
        this.config = config;
        this.consumer = config.enabled() ? Optional.of(consumer(config)) : Optional.empty();
    }

    /**
     * The token's subject when it verifies.
     *
     * @throws InvalidFirebaseIdTokenException with a reason a person can act on; never the token
     */
    public FirebaseIdentity verify(String idToken) {
        JwtConsumer jwt =
                consumer.orElseThrow(
                        () ->
                                new InvalidFirebaseIdTokenException(
                                        "Firebase ID tokens are not accepted: Firebase sign-in is"
                                                + " not configured on this server"));
        JwtClaims claims;
        try {
            claims = jwt.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new InvalidFirebaseIdTokenException(reason(e));
        }
        try {
            String uid = claims.getSubject();
            if (uid == null || uid.isEmpty() || uid.length() > MAX_UID) {
                throw new InvalidFirebaseIdTokenException(
                        "the Firebase ID token has no valid subject");
            }
            requirePast(claims, "auth_time");
            Object verified = claims.getClaimValue("email_verified");
            String email =
                    Boolean.TRUE.equals(verified) ? claims.getStringClaimValue("email") : null;
            return new FirebaseIdentity(uid, claims.getStringClaimValue("name"), email);
        } catch (MalformedClaimException e) {
            throw new InvalidFirebaseIdTokenException(
                    "the Firebase ID token has a malformed claim");
        }
    }

    private void requirePast(JwtClaims claims, String name) throws MalformedClaimException {
        NumericDate value = claims.getNumericDateClaimValue(name);
        NumericDate latest = NumericDate.now();
        latest.addSeconds(config.clockSkewSeconds());
        if (value == null || value.isAfter(latest)) {
            throw new InvalidFirebaseIdTokenException(
                    "the Firebase ID token's " + name + " is missing or in the future");
        }
    }

    /** What went wrong, in words, without echoing the token or its claims. */
    private static String reason(InvalidJwtException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return "Firebase's signing keys could not be fetched; try again in a moment";
            }
        }
        if (e.hasExpired()) {
            return "the Firebase ID token has expired; get a fresh one from Firebase";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the Firebase ID token is for another Firebase project (audience)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)
                || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "the Firebase ID token was not issued by Firebase for this project (issuer)";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
                || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the Firebase ID token's signature does not verify";
        }
        return "the Firebase ID token is not valid";
    }

    private static JwtConsumer consumer(FirebaseConfig config) {
        String projectId = config.projectId().orElseThrow();
        HttpsJwks keys = new HttpsJwks(config.jwksUrl().toString());
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keys))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(ISSUER_PREFIX + projectId)
                .setExpectedAudience(projectId)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(config.clockSkewSeconds(), Integer.MAX_VALUE)
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(config.clockSkewSeconds())
                .build();
    }
}
