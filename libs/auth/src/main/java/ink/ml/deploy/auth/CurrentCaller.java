package ink.ml.deploy.auth;

import ink.ml.deploy.platform.common.Caller;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The signed-in user of this request, as the platform services take it. Every credential a front
 * door accepts (API key, session, an MCP access token, a Firebase ID token) ends as a {@link
 * SecurityIdentity} whose principal name is the platform user id.
 */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller; refuses an anonymous request. */
    public Caller get() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("sign in first: no valid credential on this request");
        }
        return Caller.of(identity.getPrincipal().getName());
    }
}
