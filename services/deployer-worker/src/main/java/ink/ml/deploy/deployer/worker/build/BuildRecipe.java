package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.domain.BuildStrategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What, besides the commit, decides an image's content: the build's root directory and Dockerfile,
 * and for a generated Dockerfile the strategy, the commands and the Dockerfile's text. Its
 * fingerprint is written into the image as a label, so an image tagged with the commit is only
 * reused when it was built the same way.
 *
 * @param rootDirectory the build context inside the repository, "" for its root
 * @param dockerfilePath the repository's Dockerfile, "" for a generated one
 * @param strategy the strategy that generated the Dockerfile, or null for the repository's own
 * @param installCommand the user's install command of a generated build, or null
 * @param buildCommand the user's build command of a generated build, or null
 * @param startCommand the user's start command of a generated build, or null
 * @param generatedDockerfileDigest SHA-256 of the generated Dockerfile's text, or null: it covers
 *     the detected plan and the base images, so a new base image or template rebuilds
 */
public record BuildRecipe(
        String rootDirectory,
        String dockerfilePath,
        BuildStrategy strategy,
        String installCommand,
        String buildCommand,
        String startCommand,
        String generatedDockerfileDigest) {
    /** Image label holding {@link #fingerprint()}. */
    public static final String LABEL = "ink.ml.deploy.build-recipe";

    /** Bumped when the way images are built changes, so older images are not reused. */
    private static final String VERSION = "1";

    public BuildRecipe {
        rootDirectory = rootDirectory == null ? "" : rootDirectory;
        dockerfilePath = dockerfilePath == null ? "" : dockerfilePath;
    }

    /** The recipe of a build of the repository's own Dockerfile. */
    public BuildRecipe(String rootDirectory, String dockerfilePath) {
        this(rootDirectory, dockerfilePath, null, null, null, null, null);
    }

    /**
     * The recipe of a detected build, in normalised repository paths ({@code ./a} is {@code a}).
     */
    public static BuildRecipe of(Path checkoutRoot, DetectedBuild build) {
        return new BuildRecipe(
                repositoryPath(checkoutRoot, build.context()),
                repositoryPath(checkoutRoot, build.dockerfile()));
    }

    /** The recipe of a build whose Dockerfile the platform generated, {@code dockerfile}. */
    public static BuildRecipe generated(
            Path checkoutRoot,
            Path context,
            BuildStrategy strategy,
            String installCommand,
            String buildCommand,
            String startCommand,
            String dockerfile) {
        return new BuildRecipe(
                repositoryPath(checkoutRoot, context),
                "",
                strategy,
                installCommand,
                buildCommand,
                startCommand,
                sha256(dockerfile, 32));
    }

    private static String repositoryPath(Path checkoutRoot, Path file) {
        return checkoutRoot.relativize(file.normalize()).toString().replace('\\', '/');
    }

    /**
     * 16 hex digits of SHA-256 over the recipe's fields. A repository Dockerfile's recipe reads as
     * it did before generated builds existed, so its images stay reusable.
     */
    public String fingerprint() {
        String canonical =
                "v" + VERSION + "\nroot=" + rootDirectory + "\ndockerfile=" + dockerfilePath + "\n";
        if (strategy != null) {
            canonical +=
                    "strategy="
                            + strategy.id()
                            + "\ninstall="
                            + field(installCommand)
                            + "\nbuild="
                            + field(buildCommand)
                            + "\nstart="
                            + field(startCommand)
                            + "\ngenerated="
                            + generatedDockerfileDigest
                            + "\n";
        }
        return sha256(canonical, 8);
    }

    /** Null and "" differ (detected, or none), and a command may hold line breaks: quoted. */
    private static String field(String value) {
        return value == null
                ? "-"
                : "'" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'") + "'";
    }

    private static String sha256(String text, int bytes) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
