package ink.ml.deploy.deployer.worker.run.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The edge as a bean. Application-scoped, so it is made on its first use: nothing calls Caddy when
 * the service starts, and a deployer-worker on the Kubernetes target never does.
 */
@ApplicationScoped
public class EdgeBeans {

    @Produces
    @ApplicationScoped
    EdgeRoutes edgeRoutes(EdgeConfig config) {
        return CaddyEdgeRoutes.from(config);
    }
}
