package ink.ml.deploy.auth;

import ink.ml.deploy.platform.sessions.Sessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies {@code dk_sess_…} dashboard session tokens through the platform (the dashboard's
 * credential; on the MCP server a signed-in user approves a client with it).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<BearerTokenRequest.Session> {
    private final Sessions sessions;

    public SessionIdentityProvider(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<BearerTokenRequest.Session> getRequestType() {
        return BearerTokenRequest.Session.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            BearerTokenRequest.Session request, AuthenticationRequestContext context) {
        return context.runBlocking(
                () ->
                        sessions.verify(request.token())
                                .map(
                                        session ->
                                                CallerIdentities.ofSession(
                                                        session.caller(), session.sessionId()))
                                .orElseThrow(
                                        () ->
                                                new AuthenticationFailedException(
                                                        "the session has expired or was signed"
                                                                + " out; sign in again")));
    }
}
