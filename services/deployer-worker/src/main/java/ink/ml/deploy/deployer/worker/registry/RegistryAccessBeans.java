package ink.ml.deploy.deployer.worker.registry;

import ink.ml.deploy.registryauth.RegistryAuthSettings;
import ink.ml.deploy.registryauth.RegistryAuthority;
import ink.ml.deploy.registryauth.RegistrySigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Wires {@link RegistryAccess} from {@link RegistryAuthConfig}. */
@ApplicationScoped
public class RegistryAccessBeans {
    private static final Logger LOG = Logger.getLogger(RegistryAccessBeans.class);

    @Produces
    @Singleton
    RegistryAccess registryAccess(RegistryAuthConfig config) {
        if (config.signingKey().isEmpty() != config.certificate().isEmpty()) {
            throw new IllegalArgumentException(
                    "mcpdeploy.registry.auth.signing-key and mcpdeploy.registry.auth.certificate"
                            + " go together: set both or neither");
        }
        if (config.signingKey().isEmpty()) {
            LOG.warn(
                    "mcpdeploy.registry.auth.signing-key is not set: the registry is used without"
                            + " authentication, so any client that reaches it reads every image");
            return RegistryAccess.anonymous();
        }
        RegistryAuthority authority =
                new RegistryAuthority(
                        RegistrySigningKey.fromPem(
                                config.signingKey().get(), config.certificate().get()),
                        new RegistryAuthSettings(
                                config.issuer(),
                                config.service(),
                                config.baseNamespace(),
                                config.tokenLifetime()),
                        Clock.systemUTC());
        return new RegistryAccess(
                Optional.of(authority),
                config.buildCredentialLifetime(),
                config.pullCredentialLifetime());
    }
}
