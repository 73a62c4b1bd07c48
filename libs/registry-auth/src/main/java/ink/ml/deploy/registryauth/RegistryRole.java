package ink.ml.deploy.registryauth;

import java.util.Set;

/** What a credential lets its holder do in its own project namespace. */
public enum RegistryRole {
    /** A build: pull and push its own namespace's images. */
    BUILD(Set.of(RegistryScope.PULL, RegistryScope.PUSH)),
    /** A running workload: pull its own namespace's images. */
    PULL(Set.of(RegistryScope.PULL));

    private final Set<String> ownNamespaceActions;

    RegistryRole(Set<String> ownNamespaceActions) {
        this.ownNamespaceActions = ownNamespaceActions;
    }

    Set<String> ownNamespaceActions() {
        return ownNamespaceActions;
    }
}
