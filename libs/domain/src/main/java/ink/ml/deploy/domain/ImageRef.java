package ink.ml.deploy.domain;

import java.util.Objects;

/**
 * A customer image: {@code {registry}/dp-{user}-{project}/{service}:{git_sha}}.
 *
 * <p>The repository path reuses the project's namespace name, so an image can always be traced back
 * to the namespace allowed to run it; the tag is the full commit sha, so a tag is never reused for
 * different code.
 */
public record ImageRef(RegistryHost registry, ServiceRef service, GitSha commit) {
    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(commit, "commit");
    }

    public static ImageRef of(RegistryHost registry, ServiceRef service, GitSha commit) {
        return new ImageRef(registry, service, commit);
    }

    /** {@code dp-{user}-{project}/{service}}: the repository name inside the registry. */
    public String repository() {
        return service.namespace() + "/" + service.service().value();
    }

    public String tag() {
        return commit.value();
    }

    /** The reference as Docker, BuildKit and Kubernetes expect it. */
    public String reference() {
        return registry.value() + "/" + repository() + ":" + tag();
    }

    @Override
    public String toString() {
        return reference();
    }
}
