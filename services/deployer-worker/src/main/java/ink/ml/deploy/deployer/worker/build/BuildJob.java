package ink.ml.deploy.deployer.worker.build;

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
        RegistryLogin login) {}
