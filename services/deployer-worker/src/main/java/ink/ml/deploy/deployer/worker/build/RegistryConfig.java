package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.domain.RegistryHost;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * How this deployer speaks to its cluster's image registry, the only place it pushes to. Which
 * registry that is, is the cluster's ({@code mcpdeploy.clusters.regions.<region>.registry}).
 */
@ConfigMapping(prefix = "mcpdeploy.registry")
public interface RegistryConfig {

    /**
     * Whether to speak plain HTTP to it. Unset: plain HTTP for loopback addresses and {@code
     * *.internal} hosts (the seed's in-cluster registry), HTTPS otherwise.
     */
    Optional<Boolean> plainHttp();

    default boolean usesPlainHttp(RegistryHost host) {
        return plainHttp().orElseGet(() -> PushTarget.isLocalRegistry(host.value()));
    }
}
