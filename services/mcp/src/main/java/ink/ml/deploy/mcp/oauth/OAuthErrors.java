package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON error answer of the token, registration and revocation endpoints (RFC 6749 §5.2). */
final class OAuthErrors {
    private OAuthErrors() {}

    static Response of(OAuthException e) {
        return of(e.error(), e.description());
    }

    static Response of(OAuthError error, String description) {
        // invalid_client is 401 (RFC 6749 §5.2); a public client has no credentials to retry with,
        // so no WWW-Authenticate challenge is added.
        int status = error == OAuthError.INVALID_CLIENT ? 401 : 400;
        return builder(status, error, description).build();
    }

    /**
     * 413: RFC 7591 names no status for it, and a client that retries the same body gains nothing.
     */
    static Response tooLarge(String description) {
        return builder(413, OAuthError.INVALID_CLIENT_METADATA, description).build();
    }

    /** 429 with the whole seconds (at least 1) after which a retry can succeed. */
    static Response tooManyRequests(Duration retryAfter, String description) {
        long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
        return builder(
                        429,
                        OAuthError.TEMPORARILY_UNAVAILABLE,
                        description + "; retry in " + seconds + " s")
                .header("Retry-After", seconds)
                .build();
    }

    static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }

    private static Response.ResponseBuilder builder(
            int status, OAuthError error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", description);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .entity(body);
    }
}
