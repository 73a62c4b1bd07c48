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
    private static final String NAMESPACE_PREFIX = "dp-";

    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(commit, "commit");
    }

    public static ImageRef of(RegistryHost registry, ServiceRef service, GitSha commit) {
        return new ImageRef(registry, service, commit);
    }

    /**
     * Reads back a {@link #reference()}, e.g. an image recorded on a deployment or sent to the
     * deployer. Anything not of the seed's shape is refused rather than guessed: the path names the
     * only namespace allowed to run the image.
     */
    public static ImageRef parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new InvalidValueException("image", "must not be empty");
        }
        String[] parts = reference.split("/", -1);
        int colon = parts.length == 3 ? parts[2].lastIndexOf(':') : -1;
        if (colon < 0 || !parts[1].startsWith(NAMESPACE_PREFIX)) {
            throw new InvalidValueException(
                    "image",
                    "must look like {registry}/dp-{user}-{project}/{service}:{commit sha} (got \""
                            + DnsLabel.printable(reference)
                            + "\")");
        }
        // The user id has no hyphen, so the namespace splits at its first hyphen after "dp-".
        String namespace = parts[1].substring(NAMESPACE_PREFIX.length());
        int hyphen = namespace.indexOf('-');
        if (hyphen < 0) {
            throw new InvalidValueException(
                    "image", "repository must be dp-{user}-{project}/{service}");
        }
        ServiceRef service =
                ServiceRef.of(
                        namespace.substring(0, hyphen),
                        namespace.substring(hyphen + 1),
                        parts[2].substring(0, colon));
        return new ImageRef(
                RegistryHost.of(parts[0]), service, GitSha.of(parts[2].substring(colon + 1)));
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
