package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.platform.common.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Optional;

/**
 * Builds the {@link SecurityIdentity} of a verified credential: the principal name is the platform
 * user id (what {@link CurrentCaller} reads); attributes say which credential it was.
 */
public final class CallerIdentities {
    /** Attribute: the {@link CredentialKind}. */
    public static final String CREDENTIAL_KIND = "mcpdeploy.credential-kind";

    /** Attribute: the OAuth client id, when the credential is an access token. */
    public static final String CLIENT_ID = "mcpdeploy.oauth-client-id";

    /** The role of every caller that may use {@code /mcp}; data scoping is by caller. */
    public static final String AGENT_ROLE = "agent";

    private CallerIdentities() {}

    public static SecurityIdentity apiKey(Caller caller) {
        return builder(caller, CredentialKind.API_KEY).addRole(AGENT_ROLE).build();
    }

    public static SecurityIdentity accessToken(Caller caller, String clientId) {
        return builder(caller, CredentialKind.ACCESS_TOKEN)
                .addRole(AGENT_ROLE)
                .addAttribute(CLIENT_ID, clientId)
                .build();
    }

    public static SecurityIdentity session(Caller caller) {
        return builder(caller, CredentialKind.SESSION).build();
    }

    public static Optional<CredentialKind> kind(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(CREDENTIAL_KIND));
    }

    private static QuarkusSecurityIdentity.Builder builder(Caller caller, CredentialKind kind) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.id()))
                .addAttribute(CREDENTIAL_KIND, kind);
    }
}
