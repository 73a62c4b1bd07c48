package ink.ml.deploy.deployer.worker.registry;

import ink.ml.deploy.registryauth.IssuedToken;
import ink.ml.deploy.registryauth.RegistryAuthority;
import ink.ml.deploy.registryauth.RegistryCredential;
import ink.ml.deploy.registryauth.RegistryGrant;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.registryauth.RegistryScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What this deployer presents to the registry, per project namespace: a build's credential (push
 * and pull of its own namespace, pull of the base images), a workload's pull credential, and bearer
 * tokens for the deployer's own reads. Empty everywhere when the registry is anonymous.
 */
public final class RegistryAccess {
    /** Where the platform's base images live when the registry is anonymous. */
    static final String DEFAULT_BASE_NAMESPACE = "base";

    private final Optional<RegistryAuthority> authority;
    private final Duration buildCredentialLifetime;
    private final Duration pullCredentialLifetime;

    public RegistryAccess(
            Optional<RegistryAuthority> authority,
            Duration buildCredentialLifetime,
            Duration pullCredentialLifetime) {
        this.authority = authority;
        this.buildCredentialLifetime = buildCredentialLifetime;
        this.pullCredentialLifetime = pullCredentialLifetime;
    }

    /** A registry that needs no credentials. */
    public static RegistryAccess anonymous() {
        return new RegistryAccess(Optional.empty(), Duration.ZERO, Duration.ZERO);
    }

    public boolean isAuthenticated() {
        return authority.isPresent();
    }

    /** The namespace of the platform's base images, which every build may pull. */
    public String baseNamespace() {
        return authority.map(a -> a.settings().baseNamespace()).orElse(DEFAULT_BASE_NAMESPACE);
    }

    /** The authority behind the token realm; empty when the registry is anonymous. */
    public Optional<RegistryAuthority> authority() {
        return authority;
    }

    /** For the build of an image of {@code namespace}; the builder fetches tokens with it. */
    public Optional<RegistryCredential> buildCredential(String namespace) {
        return authority.map(
                a -> a.credential(namespace, RegistryRole.BUILD, buildCredentialLifetime));
    }

    /** For the workloads of {@code namespace}: their image pull secret. */
    public Optional<RegistryCredential> pullCredential(String namespace) {
        return authority.map(
                a -> a.credential(namespace, RegistryRole.PULL, pullCredentialLifetime));
    }

    /**
     * A bearer token allowing {@code actions} on {@code repository} (e.g. {@code dp-u1-shop/web}),
     * for a client that cannot fetch one itself: the Docker engine pushing from its isolated
     * network, or this deployer's own registry reads.
     */
    public Optional<String> bearerToken(String repository, RegistryRole role, String... actions) {
        return authority.map(
                a -> {
                    RegistryGrant grant =
                            new RegistryGrant(
                                    namespaceOf(repository),
                                    role,
                                    Instant.now().plus(buildCredentialLifetime));
                    IssuedToken token =
                            a.token(grant, List.of(RegistryScope.repository(repository, actions)));
                    return token.token();
                });
    }

    /** The first path segment of a repository: its project namespace. */
    public static String namespaceOf(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }
}
