package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.auth.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only: shows which platform user a credential signed in as. */
@Path("/test/whoami")
public class WhoAmIResource {
    private final CurrentCaller caller;

    public WhoAmIResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String whoAmI() {
        return caller.get().id();
    }
}
