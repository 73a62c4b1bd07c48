package ink.ml.deploy.graphql.auth.cookie;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard's session in the browser: the {@code dk_sess_…} token in an HttpOnly,
 * SameSite=Strict cookie, so that no script (and no injected one) can read it, and a cross-site
 * page cannot send it along. Requests that sign in with it must also carry {@link #CSRF_HEADER}
 * (or, for a WebSocket, a same-origin {@code Origin}): a header a cross-site form or image cannot
 * set.
 */
public final class SessionCookie {
    public static final String NAME = "mcpdeploy_session";

    /**
     * The header every cookie-signed request other than a plain read of a page must carry. Its
     * value is not checked: a cross-origin page cannot add a custom header without a CORS
     * preflight, and this server answers no preflight.
     */
    public static final String CSRF_HEADER = "X-MCPDeploy-CSRF";

    private SessionCookie() {}

    /** Sets the session; {@code secure} when the browser reached this server over HTTPS. */
    public static NewCookie of(String token, Instant expiresAt, Instant now, boolean secure) {
        return base(token, secure)
                .maxAge((int) Math.max(0, Duration.between(now, expiresAt).toSeconds()))
                .build();
    }

    /** Removes the session from the browser. */
    public static NewCookie cleared(boolean secure) {
        return base("", secure).maxAge(0).build();
    }

    private static NewCookie.Builder base(String value, boolean secure) {
        return new NewCookie.Builder(NAME)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
