package ink.ml.deploy.auth;

import ink.ml.deploy.platform.common.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the {@link SecurityIdentity} of a verified credential: the principal name is the platform
 * user id (what {@link CurrentCaller} reads), and attributes say which credential it was.
 */
public final class CallerIdentities {
    /** Attribute: the {@link CredentialKind} that signed the request in. */
    public static final String CREDENTIAL_KIND = "mcpdeploy.credential-kind";

    /** Attribute: the session id (a UUID, not the token) when the credential is a session. */
    public static final String SESSION_ID = "mcpdeploy.session-id";

    /** The single role every signed-in caller has; data scoping is by caller, not by role. */
    public static final String USER_ROLE = "user";

    private CallerIdentities() {}

    public static SecurityIdentity of(Caller caller, CredentialKind kind) {
        return builder(caller, kind).build();
    }

    public static SecurityIdentity ofSession(Caller caller, UUID sessionId) {
        return builder(caller, CredentialKind.SESSION).addAttribute(SESSION_ID, sessionId).build();
    }

    public static Optional<CredentialKind> kind(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(CREDENTIAL_KIND));
    }

    public static Optional<UUID> sessionId(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(SESSION_ID));
    }

    /** For a front door that adds attributes of its own credential (MCP's OAuth client id). */
    public static QuarkusSecurityIdentity.Builder builder(Caller caller, CredentialKind kind) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.id()))
                .addRole(USER_ROLE)
                .addAttribute(CREDENTIAL_KIND, kind);
    }
}
