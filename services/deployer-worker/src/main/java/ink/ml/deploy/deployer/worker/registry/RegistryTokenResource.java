package ink.ml.deploy.deployer.worker.registry;

import ink.ml.deploy.registryauth.IssuedToken;
import ink.ml.deploy.registryauth.RegistryAuthException;
import ink.ml.deploy.registryauth.RegistryAuthority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The registry's token realm (Docker Registry v2 token authentication): a client the registry
 * refused with {@code 401} comes here with HTTP Basic credentials that this deployer signed, and
 * gets a short-lived bearer token for what its credential allows of the scopes it asks. Refusals
 * are 401 in the registry's error shape; a registry without authentication has no realm (404).
 */
@Path("/registry/token")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryTokenResource {
    private static final Logger LOG = Logger.getLogger(RegistryTokenResource.class);

    private final RegistryAccess access;

    public RegistryTokenResource(RegistryAccess access) {
        this.access = access;
    }

    @GET
    public Response token(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("service") String service,
            @QueryParam("scope") List<String> scopes) {
        RegistryAuthority authority = access.authority().orElse(null);
        if (authority == null) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(error("NOT_FOUND", "the registry does not use token authentication"))
                    .build();
        }
        try {
            IssuedToken token = authority.exchange(authorization, service, scopes);
            return Response.ok(
                            Map.of(
                                    "token", token.token(),
                                    "access_token", token.token(),
                                    "expires_in", token.expiresIn().toSeconds(),
                                    "issued_at", token.issuedAt().toString()))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (RegistryAuthException e) {
            LOG.debugf("registry token refused: %s", e.getMessage());
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mcpdeploy-registry\"")
                    .entity(error("UNAUTHORIZED", e.getMessage()))
                    .build();
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("errors", List.of(Map.of("code", code, "message", message)));
    }
}
