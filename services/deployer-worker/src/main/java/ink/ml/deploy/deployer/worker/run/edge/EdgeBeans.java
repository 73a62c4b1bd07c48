package ink.ml.deploy.deployer.worker.run.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The edge as a bean, of the {@link EdgeConfig#kind() kind} configured. Application-scoped, so it
 * is made on its first use: nothing calls the proxy when the service starts, and a deployer-worker
 * on the Kubernetes target never does.
 */
@ApplicationScoped
public class EdgeBeans {

    @Produces
    @ApplicationScoped
    EdgeRoutes edgeRoutes(EdgeConfig config) {
        return switch (config.kind()) {
            case HAPROXY -> HaproxyEdgeRoutes.from(config);
            case CADDY -> CaddyEdgeRoutes.from(config);
        };
    }

    @Produces
    @ApplicationScoped
    EdgeDomains edgeDomains(EdgeConfig config) {
        return switch (config.kind()) {
            case HAPROXY -> HaproxyEdgeDomains.from(config);
            case CADDY ->
                    new UnsupportedEdgeDomains(
                            "custom domains need the haproxy edge (mcpdeploy.edge.kind=haproxy),"
                                    + " which answers ACME's HTTP-01 and loads certificates without"
                                    + " a reload; this machine's edge is caddy");
        };
    }
}
