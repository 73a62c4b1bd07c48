package ink.ml.deploy.graphql.auth.firebase;

import ink.ml.deploy.auth.BearerTokenRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code Bearer <JWT>}: a Firebase ID token, for {@link FirebaseIdentityProvider}. */
public final class FirebaseIdTokenRequest extends BearerTokenRequest {
    /** A compact JWS: three base64url parts. */
    private static final Pattern JWT_SHAPE =
            Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** Firebase ID tokens are about 1 KB; anything far larger is not one. */
    private static final int MAX_JWT = 8192;

    public FirebaseIdTokenRequest(String token) {
        super(token);
    }

    /** The request when the token has a JWT's shape; empty otherwise. */
    public static Optional<FirebaseIdTokenRequest> ofShape(String token) {
        return token.length() <= MAX_JWT && JWT_SHAPE.matcher(token).matches()
                ? Optional.of(new FirebaseIdTokenRequest(token))
                : Optional.empty();
    }
}
