package ink.ml.deploy.graphql.auth.firebase;

import ink.ml.deploy.platform.sessions.FirebaseIdentity;
import io.quarkus.security.AuthenticationFailedException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

/**
 * The checks Firebase documents beyond what quarkus-oidc verifies (signature, issuer, audience,
 * {@code exp}, {@code iat} present, {@code sub} present): {@code sub} at most 128 characters,
 * {@code iat} and {@code auth_time} in the past; then the identity the platform signs in. An email
 * is taken only when Firebase says it is verified.
 */
final class FirebaseClaims {
    private static final int MAX_UID = 128;

    private FirebaseClaims() {}

    static FirebaseIdentity identityOf(JwtClaims claims, int clockSkewSeconds) {
        try {
            String uid = claims.getSubject();
            if (uid == null || uid.isEmpty() || uid.length() > MAX_UID) {
                throw new AuthenticationFailedException(
                        "the Firebase ID token has no valid subject");
            }
            requirePast(claims, "iat", clockSkewSeconds);
            requirePast(claims, "auth_time", clockSkewSeconds);
            Object verified = claims.getClaimValue("email_verified");
            String email =
                    Boolean.TRUE.equals(verified) ? claims.getStringClaimValue("email") : null;
            return new FirebaseIdentity(uid, claims.getStringClaimValue("name"), email);
        } catch (MalformedClaimException e) {
            throw new AuthenticationFailedException("the Firebase ID token has a malformed claim");
        }
    }

    private static void requirePast(JwtClaims claims, String name, int clockSkewSeconds)
            throws MalformedClaimException {
        NumericDate value = claims.getNumericDateClaimValue(name);
        NumericDate latest = NumericDate.now();
        latest.addSeconds(clockSkewSeconds);
        if (value == null || value.isAfter(latest)) {
            throw new AuthenticationFailedException(
                    "the Firebase ID token's " + name + " is missing or in the future");
        }
    }
}
