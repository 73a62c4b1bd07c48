package ink.ml.deploy.domain;

import java.util.Objects;

/**
 * A customer image: {@code {registry}/dp-{user}-{project}/{service}:{git_sha}-{fingerprint}}.
 *
 * <p>The repository path reuses the project's namespace name, so an image can always be traced back
 * to the namespace allowed to run it. The seed names the tag {@code {git_sha}}; here the tag also
 * carries the {@link BuildFingerprint} of the service's {@link BuildSettings}, on purpose: the same
 * commit built with another strategy, root directory, Dockerfile or command is different code in
 * the image, and an image is reused when its tag is already in the registry. With the sha alone a
 * changed setting would silently deploy the old image; with the fingerprint it rebuilds, and the
 * tag is still never reused for a different build.
 *
 * <p>Images pushed before tags carried the fingerprint are tagged with the sha alone; they still
 * parse (their {@code fingerprint} is null) so their deployments and rollbacks keep working.
 *
 * @param fingerprint the build settings' fingerprint, or null for a sha-only tag
 */
public record ImageRef(
        RegistryHost registry, ServiceRef service, GitSha commit, BuildFingerprint fingerprint) {
    private static final String NAMESPACE_PREFIX = "dp-";

    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(commit, "commit");
    }

    /** The image a build of {@code commit} with {@code settings} pushes. */
    public static ImageRef of(
            RegistryHost registry, ServiceRef service, GitSha commit, BuildSettings settings) {
        return new ImageRef(registry, service, commit, settings.fingerprint());
    }

    /**
     * An image tagged with the commit alone, as images were before tags carried the build settings'
     * fingerprint.
     */
    public static ImageRef of(RegistryHost registry, ServiceRef service, GitSha commit) {
        return new ImageRef(registry, service, commit, null);
    }

    /**
     * Reads back a {@link #reference()}, e.g. an image recorded on a deployment or sent to the
     * deployer; a sha-only tag is read too. Anything not of that shape is refused rather than
     * guessed: the path names the only namespace allowed to run the image.
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
                    "must look like {registry}/dp-{user}-{project}/{service}:{commit sha}"
                            + "-{fingerprint} (got \""
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
        String tag = parts[2].substring(colon + 1);
        int dash = tag.indexOf('-');
        GitSha commit = GitSha.of(dash < 0 ? tag : tag.substring(0, dash));
        BuildFingerprint fingerprint =
                dash < 0 ? null : new BuildFingerprint(tag.substring(dash + 1));
        return new ImageRef(RegistryHost.of(parts[0]), service, commit, fingerprint);
    }

    /** {@code dp-{user}-{project}/{service}}: the repository name inside the registry. */
    public String repository() {
        return service.namespace() + "/" + service.service().value();
    }

    /** {@code {sha}-{fingerprint}}, or {@code {sha}} for an image tagged before fingerprints. */
    public String tag() {
        return fingerprint == null ? commit.value() : commit.value() + "-" + fingerprint.value();
    }

    /** The same image on another registry host (the one a cluster's builder pushed to). */
    public ImageRef on(RegistryHost host) {
        return new ImageRef(host, service, commit, fingerprint);
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
