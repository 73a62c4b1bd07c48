package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.auth.BearerAuthenticationMechanism;
import ink.ml.deploy.platform.sessions.IssuedSession;
import ink.ml.deploy.platform.sessions.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The platform session of the user approving MCP clients, kept in an HttpOnly cookie of this
 * server's {@code /oauth} pages, so the next client they approve needs no GitHub round trip. A
 * session presented as {@code Authorization: Bearer dk_sess_…} works too.
 */
@ApplicationScoped
class SessionCookie {
    static final String NAME = "mcpdeploy_session";
    static final String PATH = "/oauth";

    private final Sessions sessions;
    private final OAuthUrls urls;

    SessionCookie(Sessions sessions, OAuthUrls urls) {
        this.sessions = sessions;
        this.urls = urls;
    }

    /** Who is signed in: the cookie's session first, else a bearer session header. */
    Optional<SignedIn> signedIn(String cookie, String authorization) {
        Optional<SignedIn> fromCookie = verify(cookie);
        if (fromCookie.isPresent()) {
            return fromCookie;
        }
        if (authorization != null && BearerAuthenticationMechanism.isBearer(authorization)) {
            String token =
                    authorization
                            .substring(BearerAuthenticationMechanism.SCHEME.length() + 1)
                            .strip();
            if (token.startsWith(Sessions.TOKEN_PREFIX)) {
                return verify(token);
            }
        }
        return Optional.empty();
    }

    NewCookie issue(IssuedSession session) {
        long seconds = Duration.between(Instant.now(), session.expiresAt()).toSeconds();
        return cookie(session.token(), (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds)));
    }

    private Optional<SignedIn> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return sessions.verify(token).map(session -> new SignedIn(session.caller(), token));
    }

    private NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(NAME)
                .value(value)
                .path(PATH)
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(urls.isHttps())
                // Lax: the return from GitHub is a cross-site top-level navigation.
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
