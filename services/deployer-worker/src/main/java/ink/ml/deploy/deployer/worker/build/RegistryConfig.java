package ink.ml.deploy.deployer.worker.build;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The cluster's image registry: the only place this deployer pushes to. */
@ConfigMapping(prefix = "mcpdeploy.registry")
public interface RegistryConfig {

    /** {@code host[:port]}, as in image references. */
    @WithDefault("registry.internal:5000")
    String host();

    /**
     * Whether to speak plain HTTP to it. Unset: plain HTTP for loopback addresses and {@code
     * *.internal} hosts (the seed's in-cluster registry), HTTPS otherwise.
     */
    Optional<Boolean> plainHttp();

    default boolean usesPlainHttp() {
        return plainHttp().orElseGet(() -> PushTarget.isLocalRegistry(host()));
    }
}
