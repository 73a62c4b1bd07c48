package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import java.nio.file.Path;

/**
 * One image to build and push.
 *
 * @param context the build context directory (inside the checkout)
 * @param dockerfile the Dockerfile: inside the checkout, or a generated one in a directory of its
 *     own (both builders take it apart from the context)
 * @param plainHttpRegistry whether the registry is reached over plain HTTP
 * @param recipe written into the image as the {@link BuildRecipe#LABEL} label
 * @param login how the builder signs in to the registry
 */
public record BuildJob(
        Path context,
        Path dockerfile,
        PushTarget image,
        boolean plainHttpRegistry,
        BuildRecipe recipe,
        RegistryLogin login) {

    /** The build argument BuildKit's Dockerfile frontend prefixes every cache mount id with. */
    static final String CACHE_MOUNT_NAMESPACE_ARG = "BUILDKIT_CACHE_MOUNT_NS";

    /**
     * The prefix of this build's cache mount ids: its project's registry namespace. Otherwise a
     * {@code RUN --mount=type=cache} directory is keyed by its target path alone, the same for
     * every project on the daemon, and one project could plant files in the npm, pip, Go or Maven
     * cache that another project's next build installs from. Only the client sets it: a
     * Dockerfile's own {@code ARG} of that name does not change it.
     */
    String cacheMountNamespace() {
        return RegistryAccess.namespaceOf(image.repository());
    }
}
