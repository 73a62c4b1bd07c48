package ink.ml.deploy.graphql.auth;

import ink.ml.deploy.auth.CallerIdentities;
import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.graphql.auth.cookie.SessionCookie;
import ink.ml.deploy.platform.sessions.Sessions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /auth/logout} with the session as bearer: revokes that session ({@code
 * ?everywhere=true}: every session of the user). 204 when done. API keys are not sessions: they are
 * revoked with the {@code revokeApiKey} mutation. The dashboard's session cookie is cleared too.
 */
@Path("/auth/logout")
public class LogoutResource {
    private final SecurityIdentity identity;
    private final CurrentCaller caller;
    private final Sessions sessions;

    public LogoutResource(SecurityIdentity identity, CurrentCaller caller, Sessions sessions) {
        this.identity = identity;
        this.caller = caller;
        this.sessions = sessions;
    }

    @POST
    public Response logout(@QueryParam("everywhere") boolean everywhere) {
        if (identity.isAnonymous()) {
            return error(
                    401,
                    ErrorBody.UNAUTHENTICATED,
                    "send the session to end as 'Authorization: Bearer dk_sess_…'");
        }
        Optional<UUID> sessionId = CallerIdentities.sessionId(identity);
        if (sessionId.isEmpty()) {
            return error(
                    400,
                    ErrorBody.BAD_USER_INPUT,
                    "logout ends a dashboard session; this request is signed in with "
                            + CallerIdentities.kind(identity)
                                    .map(kind -> kind.name().toLowerCase().replace('_', ' '))
                                    .orElse("another credential")
                            + " (revoke API keys with the revokeApiKey mutation)");
        }
        if (everywhere) {
            sessions.revokeAll(caller.get());
        } else {
            sessions.revoke(caller.get(), sessionId.get());
        }
        return Response.noContent().cookie(SessionCookie.cleared(false)).build();
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .build();
    }
}
