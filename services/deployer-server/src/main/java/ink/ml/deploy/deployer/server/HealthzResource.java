package ink.ml.deploy.deployer.server;

import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code GET /healthz} on the public port, for whatever sits in front of the webhook (load
 * balancer, uptime checks): 200 when the service can take webhooks (readiness, including Temporal),
 * 503 otherwise. Only the status is shown; the checks' details stay on the management port.
 */
@Path("/healthz")
public class HealthzResource {
    private final SmallRyeHealthReporter health;

    public HealthzResource(SmallRyeHealthReporter health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response healthz() {
        boolean down = health.getReadiness().isDown();
        return Response.status(down ? 503 : 200)
                .entity(Map.of("status", down ? "DOWN" : "UP"))
                .build();
    }
}
