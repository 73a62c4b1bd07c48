package ink.ml.deploy.graphql.auth.cookie;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Whether a request that carries the session cookie (and no {@code Authorization}) is signed in by
 * it. A browser sends the cookie with every same-site request, so the cookie alone proves nothing
 * about who made the request: a mutation must also carry {@link SessionCookie#CSRF_HEADER}, and a
 * WebSocket (where a browser cannot add headers) must come from this server's own origin.
 */
public final class CookieSignIn {
    /** What to do with the cookie. */
    public sealed interface Decision {}

    /** Sign in with the session in the cookie. */
    public record Use() implements Decision {}

    /** A page or an asset loaded by the browser: answered anonymously, the cookie unused. */
    public record Ignore() implements Decision {}

    /** Refused with 401 and this message. */
    public record Refuse(String message) implements Decision {}

    private CookieSignIn() {}

    public static Decision judge(HttpServerRequest request) {
        if (isWebSocketUpgrade(request)) {
            return sameOrigin(request)
                    ? new Use()
                    : new Refuse(
                            "a WebSocket signed in by the dashboard's session cookie must be opened"
                                    + " by this server's own pages (Origin); other clients send"
                                    + " Authorization: Bearer");
        }
        if (request.getHeader(SessionCookie.CSRF_HEADER) != null) {
            return new Use();
        }
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            return new Ignore();
        }
        return new Refuse(
                "a request signed in by the dashboard's session cookie must carry the "
                        + SessionCookie.CSRF_HEADER
                        + " header; other clients send Authorization: Bearer");
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    /** The Origin's host and port are the Host the browser sent this request to. */
    private static boolean sameOrigin(HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && originAuthority(request).map(host::equalsIgnoreCase).orElse(false);
    }

    private static Optional<String> originAuthority(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
