package ink.ml.deploy.buildplan;

import ink.ml.deploy.domain.BuildStrategy;
import java.util.Objects;

/**
 * What the service's settings say about its build. The commands were validated when the service was
 * saved (the planner checks them again); null means "the detected one".
 *
 * @param strategy {@code auto}, {@code dockerfile} or a language
 * @param dockerfilePath the repository's Dockerfile, relative to the build context; null or blank
 *     means {@code Dockerfile}
 * @param staticDirectory the directory a static site is served from, relative to the build context;
 *     null to detect it (the root, a {@code Staticfile}'s {@code root:}, then public/, dist/,
 *     build/)
 * @param port the port the app listens on; the image sets {@code $PORT} to it
 */
public record BuildOptions(
        BuildStrategy strategy,
        String dockerfilePath,
        String installCommand,
        String buildCommand,
        String startCommand,
        String staticDirectory,
        int port) {
    public static final int DEFAULT_PORT = 8080;

    public BuildOptions {
        Objects.requireNonNull(strategy, "strategy");
        dockerfilePath =
                dockerfilePath == null || dockerfilePath.isBlank() ? "Dockerfile" : dockerfilePath;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "port must be between 1 and 65535 (got " + port + ")");
        }
    }

    /** Settings without a static directory, on the default port. */
    public BuildOptions(
            BuildStrategy strategy,
            String dockerfilePath,
            String installCommand,
            String buildCommand,
            String startCommand) {
        this(
                strategy,
                dockerfilePath,
                installCommand,
                buildCommand,
                startCommand,
                null,
                DEFAULT_PORT);
    }

    /** Detection and nothing else: {@code auto}, the default Dockerfile path and port. */
    public static BuildOptions auto() {
        return new BuildOptions(BuildStrategy.AUTO, "Dockerfile", null, null, null);
    }
}
