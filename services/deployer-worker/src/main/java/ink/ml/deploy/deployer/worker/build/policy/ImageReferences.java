package ink.ml.deploy.deployer.worker.build.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker image references split the way the distribution library that BuildKit uses splits them, so
 * that the registry this check sees is the registry the build pulls from.
 */
final class ImageReferences {
    /**
     * A parsed reference. {@code registry} is null for Docker Hub; {@code repository} is the path
     * on the registry, without tag or digest.
     */
    record ImageReference(String registry, String repository) {
        /** The first path component: the project's namespace on the platform registry. */
        String namespace() {
            int slash = repository.indexOf('/');
            return slash < 0 ? "" : repository.substring(0, slash);
        }
    }

    private static final String DOMAIN_COMPONENT =
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN =
            Pattern.compile(
                    "(?:"
                            + DOMAIN_COMPONENT
                            + "(?:\\."
                            + DOMAIN_COMPONENT
                            + ")*"
                            + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY =
            Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern REFERENCE = Pattern.compile("(.+?)(?::([^:/]+))?(?:@(.+))?");

    private ImageReferences() {}

    /** The reference's parts, or empty when the builder would reject it. */
    static Optional<ImageReference> parse(String reference) {
        Matcher parts = REFERENCE.matcher(reference);
        if (!parts.matches()
                || parts.group(2) != null && !TAG.matcher(parts.group(2)).matches()
                || parts.group(3) != null && !DIGEST.matcher(parts.group(3)).matches()) {
            return Optional.empty();
        }
        String name = parts.group(1);
        if (name.length() > 255) {
            return Optional.empty();
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        // The rule of distribution/reference: the first component is a registry only when it has a
        // dot, a port, upper case, or is localhost; otherwise the image is on Docker Hub.
        boolean hasRegistry =
                slash >= 0
                        && (first.contains(".")
                                || first.contains(":")
                                || first.equals("localhost")
                                || !first.toLowerCase(Locale.ROOT).equals(first));
        String registry = hasRegistry ? first : null;
        String repository = hasRegistry ? name.substring(slash + 1) : name;
        if (registry != null && !DOMAIN.matcher(registry).matches()
                || !REPOSITORY.matcher(repository).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(registry, repository));
    }

    /** Host and port compared as registries are: case and a trailing dot do not matter. */
    static String normalizedRegistry(String registry) {
        String host = PublicHosts.withoutPort(registry);
        String port = registry.substring(host.length());
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name + port;
    }
}
