package ink.ml.deploy.deployer.worker.build;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What, besides the commit, decides an image's content: the build's root directory and Dockerfile.
 * Its fingerprint is written into the image as a label, so an image tagged with the commit is only
 * reused when it was built the same way (the tag stays the commit sha, the seed's image name).
 *
 * @param rootDirectory the build context inside the repository, "" for its root
 * @param dockerfilePath the Dockerfile inside the repository
 */
public record BuildRecipe(String rootDirectory, String dockerfilePath) {
    /** Image label holding {@link #fingerprint()}. */
    public static final String LABEL = "ink.ml.deploy.build-recipe";

    /** Bumped when the way images are built changes, so older images are not reused. */
    private static final String VERSION = "1";

    public BuildRecipe {
        rootDirectory = rootDirectory == null ? "" : rootDirectory;
        dockerfilePath = dockerfilePath == null ? "" : dockerfilePath;
    }

    /**
     * The recipe of a detected build, in normalised repository paths ({@code ./a} is {@code a}).
     */
    public static BuildRecipe of(Path checkoutRoot, DetectedBuild build) {
        return new BuildRecipe(
                repositoryPath(checkoutRoot, build.context()),
                repositoryPath(checkoutRoot, build.dockerfile()));
    }

    private static String repositoryPath(Path checkoutRoot, Path file) {
        return checkoutRoot.relativize(file.normalize()).toString().replace('\\', '/');
    }

    /** 16 hex digits of SHA-256 over the recipe's fields. */
    public String fingerprint() {
        String canonical =
                "v" + VERSION + "\nroot=" + rootDirectory + "\ndockerfile=" + dockerfilePath + "\n";
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
