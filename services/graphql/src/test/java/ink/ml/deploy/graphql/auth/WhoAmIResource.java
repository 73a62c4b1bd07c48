package ink.ml.deploy.graphql.auth;

import ink.ml.deploy.auth.CallerIdentities;
import ink.ml.deploy.auth.CurrentCaller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Test-only endpoint: shows whom the request signed in as, through {@link CurrentCaller}. */
@Path("/test/whoami")
public class WhoAmIResource {
    private final CurrentCaller caller;
    private final SecurityIdentity identity;

    public WhoAmIResource(CurrentCaller caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> whoAmI() {
        return Map.of(
                "userId",
                caller.get().id(),
                "credential",
                CallerIdentities.kind(identity).map(Enum::name).orElse("none"));
    }
}
