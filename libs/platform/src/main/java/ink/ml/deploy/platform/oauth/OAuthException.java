package ink.ml.deploy.platform.oauth;

import java.util.Objects;

/**
 * A request the authorization server refuses, with the OAuth error code a client acts on and a
 * description a person can act on. Never carries a presented secret.
 */
public final class OAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final OAuthError error;

    public OAuthException(OAuthError error, String description) {
        super(description);
        this.error = Objects.requireNonNull(error, "error");
    }

    public OAuthError error() {
        return error;
    }

    /** The {@code error_description}. */
    public String description() {
        return getMessage();
    }
}
