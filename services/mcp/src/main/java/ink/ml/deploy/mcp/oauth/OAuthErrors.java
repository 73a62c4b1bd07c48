package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON error answer of the token, registration and revocation endpoints (RFC 6749 §5.2). */
final class OAuthErrors {
    private OAuthErrors() {}

    static Response of(OAuthException e) {
        return of(e.error(), e.description());
    }

    static Response of(OAuthError error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", description);
        // invalid_client is 401 (RFC 6749 §5.2); a public client has no credentials to retry with,
        // so no WWW-Authenticate challenge is added.
        int status = error == OAuthError.INVALID_CLIENT ? 401 : 400;
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .entity(body)
                .build();
    }

    static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
