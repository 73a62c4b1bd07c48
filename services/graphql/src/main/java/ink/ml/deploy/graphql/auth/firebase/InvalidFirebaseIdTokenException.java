package ink.ml.deploy.graphql.auth.firebase;

/** A Firebase ID token that does not verify, with the reason in words (never the token). */
public class InvalidFirebaseIdTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidFirebaseIdTokenException(String message) {
        super(message);
    }
}
