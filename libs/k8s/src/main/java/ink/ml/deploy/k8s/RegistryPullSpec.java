package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.RegistryHost;
import java.util.Objects;

/**
 * What a project's image pull Secret is built from: the registry and the credential the kubelet
 * presents to its token realm. Plain values, so this library needs no knowledge of how the
 * credential was made.
 *
 * @param project whose namespace the Secret lives in
 * @param registry the key of the Docker config entry; must equal the host of the images' references
 * @param username the credential's user name
 * @param password the credential's password: a secret, never printed
 */
public record RegistryPullSpec(
        ProjectSpec project, RegistryHost registry, String username, String password) {

    public RegistryPullSpec {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(registry, "registry");
        if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
            // The Docker config's auth is base64(username:password), split at the first colon.
            throw new IllegalArgumentException(
                    "the registry user name must be non-empty and without ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the registry password must not be empty");
        }
    }

    public String namespace() {
        return project.namespace();
    }

    @Override
    public String toString() {
        return "RegistryPullSpec[namespace="
                + namespace()
                + ", registry="
                + registry
                + ", username="
                + username
                + ", password=***]";
    }
}
