package ink.ml.deploy.registryauth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one credential may do: {@code role} in the project namespace {@code namespace} (e.g. {@code
 * dp-u42-shop}, the first path segment of its images), until {@code expiresAt}. Every credential
 * may also pull the platform's base images; nothing else is ever granted, the catalog included.
 */
public record RegistryGrant(String namespace, RegistryRole role, Instant expiresAt) {
    /** A registry path component, as Distribution accepts it, lower case. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    public RegistryGrant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (namespace == null
                || namespace.length() > 128
                || !NAMESPACE.matcher(namespace).matches()) {
            throw new RegistryAuthException(
                    "namespace is not a registry path component: " + namespace);
        }
    }

    /**
     * The requested scopes cut down to what this grant allows; a scope with nothing allowed stays,
     * empty, as the token specification's servers answer.
     */
    public List<RegistryScope> allowed(List<RegistryScope> requested, String baseNamespace) {
        return requested.stream()
                .map(scope -> scope.restrictedTo(actions(scope, baseNamespace)))
                .toList();
    }

    private Set<String> actions(RegistryScope scope, String baseNamespace) {
        if (!RegistryScope.REPOSITORY.equals(scope.type())) {
            return Set.of();
        }
        if (isUnder(scope.name(), namespace)) {
            return role.ownNamespaceActions();
        }
        if (isUnder(scope.name(), baseNamespace)) {
            return Set.of(RegistryScope.PULL);
        }
        return Set.of();
    }

    private static boolean isUnder(String repository, String namespace) {
        return repository.startsWith(namespace + "/")
                && repository.length() > namespace.length() + 1
                && !repository.contains("..");
    }
}
