package ink.ml.deploy.deployer.worker.build;

/**
 * Where an image goes: {@code registry/repository:tag}, e.g. {@code
 * registry.internal:5000/dp-u42-shop/web:<sha>}. Only the shape a registry needs is checked here;
 * what the repository path must be is the product plane's rule ({@code ImageRef}).
 */
public record PushTarget(String registry, String repository, String tag) {

    public static PushTarget parse(String reference) {
        if (reference == null) {
            throw new IllegalArgumentException("image reference is missing");
        }
        int slash = reference.indexOf('/');
        int colon = reference.lastIndexOf(':');
        if (slash <= 0 || colon < slash || colon == reference.length() - 1) {
            throw new IllegalArgumentException(
                    "image reference must be registry/repository:tag, got " + reference);
        }
        String repository = reference.substring(slash + 1, colon);
        if (repository.isEmpty() || repository.contains("..") || repository.contains("//")) {
            throw new IllegalArgumentException("image repository is malformed in " + reference);
        }
        return new PushTarget(
                reference.substring(0, slash), repository, reference.substring(colon + 1));
    }

    public String reference() {
        return registry + "/" + repository + ":" + tag;
    }

    /** The repository's BuildKit layer cache, next to its images. */
    public String cacheReference() {
        return registry + "/" + repository + ":buildcache";
    }

    /** Loopback and {@code *.internal} registries are reached over plain HTTP. */
    static boolean isLocalRegistry(String host) {
        String name = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equals("localhost")
                || name.startsWith("127.")
                || name.equals("registry.internal")
                || name.endsWith(".internal");
    }

    @Override
    public String toString() {
        return reference();
    }
}
