package ink.ml.deploy.platform.oauth;

/**
 * The error codes of RFC 6749 §4.1.2.1 and §5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1 and RFC 8707 we
 * answer with.
 */
public enum OAuthError {
    INVALID_REQUEST("invalid_request"),
    INVALID_CLIENT("invalid_client"),
    INVALID_GRANT("invalid_grant"),
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type"),
    INVALID_SCOPE("invalid_scope"),
    INVALID_TARGET("invalid_target"),
    ACCESS_DENIED("access_denied"),
    INVALID_REDIRECT_URI("invalid_redirect_uri"),
    INVALID_CLIENT_METADATA("invalid_client_metadata"),
    /** Too many requests for now (RFC 6749 §4.1.2.1); the answer says when to retry. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    /** The value of the {@code error} field. */
    public String code() {
        return code;
    }
}
