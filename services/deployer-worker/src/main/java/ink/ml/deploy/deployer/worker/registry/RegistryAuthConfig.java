package ink.ml.deploy.deployer.worker.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Token authentication of the cluster's registry (Docker Registry v2 {@code auth: token}): this
 * deployer holds the signing key, serves the token realm at {@code /registry/token}, gives each
 * build a credential for its own project namespace and each namespace a pull credential for its
 * workloads. The registry's {@code auth.token} section must name the same issuer, service and
 * certificate.
 *
 * <p>Without a signing key the registry is used anonymously, which is only for a registry that
 * nothing hostile can reach; the deployer says so at start.
 */
@ConfigMapping(prefix = "mcpdeploy.registry.auth")
public interface RegistryAuthConfig {

    /** PKCS#8 PEM of the RSA key that signs tokens and credentials; only from the environment. */
    Optional<String> signingKey();

    /** PEM of that key's X.509 certificate: the registry's {@code auth.token.rootcertbundle}. */
    Optional<String> certificate();

    /** The registry's {@code auth.token.issuer}. */
    @WithDefault("mcpdeploy")
    String issuer();

    /** The registry's {@code auth.token.service}. */
    @WithDefault("mcpdeploy-registry")
    String service();

    /** The platform's base images, {@code <registry>/<namespace>/…}: pull-only for everyone. */
    @WithDefault("base")
    String baseNamespace();

    /** How long one bearer token lasts; clients ask for a new one when it runs out. */
    @WithDefault("5m")
    Duration tokenLifetime();

    /**
     * How long a build's credential lasts: longer than {@code mcpdeploy.builder.timeout}, so a
     * build never loses its registry access half-way.
     */
    @WithDefault("45m")
    Duration buildCredentialLifetime();

    /**
     * How long a namespace's pull credential (its image pull secret) lasts. Each deploy writes a
     * fresh one, so only a project not deployed for this long has to be redeployed to pull again.
     */
    @WithDefault("90d")
    Duration pullCredentialLifetime();
}
