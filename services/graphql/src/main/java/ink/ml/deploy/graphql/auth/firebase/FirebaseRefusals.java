package ink.ml.deploy.graphql.auth.firebase;

import io.quarkus.security.AuthenticationFailedException;
import java.io.IOException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Words for quarkus-oidc's refusal of a Firebase ID token. quarkus-oidc keeps the reason in the
 * failure's cause (jose4j's error codes) and its own messages name neither the field nor what to
 * do; this says what went wrong without echoing the token or its claims.
 */
final class FirebaseRefusals {
    private FirebaseRefusals() {}

    static AuthenticationFailedException refusal(Throwable failure) {
        return new AuthenticationFailedException(reason(failure));
    }

    static String reason(Throwable failure) {
        InvalidJwtException invalid = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException jwt) {
                invalid = jwt;
                break;
            }
            if (cause instanceof IOException) {
                return keysUnavailable();
            }
        }
        if (invalid == null) {
            // quarkus-oidc fails with AuthenticationFailedException when a token does not verify
            // (e.g. no key has its kid); anything else is the JWKS it could not load.
            return failure instanceof AuthenticationFailedException
                    ? "the Firebase ID token is not valid"
                    : keysUnavailable();
        }
        if (invalid.hasExpired()) {
            return "the Firebase ID token has expired; get a fresh one from Firebase";
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the Firebase ID token is for another Firebase project (audience)";
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID)
                || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "the Firebase ID token was not issued by Firebase for this project (issuer)";
        }
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
                || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the Firebase ID token's signature does not verify";
        }
        return "the Firebase ID token is not valid";
    }

    private static String keysUnavailable() {
        return "Firebase's signing keys could not be fetched; try again in a moment";
    }
}
