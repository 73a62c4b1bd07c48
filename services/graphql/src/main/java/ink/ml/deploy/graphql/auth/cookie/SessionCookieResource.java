package ink.ml.deploy.graphql.auth.cookie;

import ink.ml.deploy.auth.CallerIdentities;
import ink.ml.deploy.auth.CredentialKind;
import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.graphql.auth.ErrorBody;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.sessions.IssuedSession;
import ink.ml.deploy.platform.sessions.Sessions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /auth/session}: turns a sign-in into the dashboard's session cookie ({@link
 * SessionCookie}). The browser's page sends what it was handed as {@code Authorization: Bearer}:
 * the session of a sign-in link ({@code #token=dk_sess_…}, from GitHub sign-in or {@code
 * ./run-platform}) or a Firebase ID token. A presented session is revoked as the new one is issued,
 * so a sign-in link signs in once; the new session lives only in the HttpOnly cookie. API keys are
 * refused: they are for programs, which send them as bearer and need no cookie.
 */
@Path("/auth/session")
public class SessionCookieResource {
    private final SecurityIdentity identity;
    private final CurrentCaller caller;
    private final Sessions sessions;

    public SessionCookieResource(
            SecurityIdentity identity, CurrentCaller caller, Sessions sessions) {
        this.identity = identity;
        this.caller = caller;
        this.sessions = sessions;
    }

    @POST
    public Response signIn(
            @Context UriInfo uri, @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        if (identity.isAnonymous()) {
            return error(
                    401,
                    ErrorBody.UNAUTHENTICATED,
                    "send the sign-in link's session or an ID token as 'Authorization: Bearer …'");
        }
        Optional<CredentialKind> kind = CallerIdentities.kind(identity);
        if (kind.isEmpty() || kind.get() == CredentialKind.API_KEY) {
            return error(
                    400,
                    ErrorBody.BAD_USER_INPUT,
                    "Authorization: an API key does not open a dashboard session; sign in with"
                            + " GitHub or a sign-in link");
        }
        Caller signedIn = caller.get();
        Optional<UUID> presentedSession = CallerIdentities.sessionId(identity);
        IssuedSession session = sessions.issue(signedIn.userId());
        presentedSession.ifPresent(id -> sessions.revoke(signedIn, id));
        boolean secure =
                "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                        || "https".equalsIgnoreCase(forwardedProto);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.noContent()
                .cookie(
                        SessionCookie.of(
                                session.token(), session.expiresAt(), Instant.now(), secure))
                .cacheControl(noStore)
                .build();
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .build();
    }
}
