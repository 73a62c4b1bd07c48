package ink.ml.deploy.platform.cluster;

import ink.ml.deploy.domain.Cluster;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The configured {@link Cluster}, for every service that shows or places names. Made at startup, so
 * that a malformed setting stops the service with the field and the rule instead of failing its
 * first request.
 */
@ApplicationScoped
public class ClusterProducer {

    @Produces
    @Singleton
    @Startup
    Cluster cluster(ClusterConfig config) {
        return config.toCluster();
    }
}
