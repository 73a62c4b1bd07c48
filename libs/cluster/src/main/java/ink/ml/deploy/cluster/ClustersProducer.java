package ink.ml.deploy.cluster;

import ink.ml.deploy.domain.Clusters;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The configured {@link Clusters}, for every service that shows or places names. Made at startup,
 * so that a malformed setting or a home region without a cluster stops the service with the key and
 * the rule instead of failing its first request.
 */
@ApplicationScoped
public class ClustersProducer {

    @Produces
    @Singleton
    @Startup
    Clusters clusters(ClustersConfig config) {
        return config.toClusters();
    }
}
