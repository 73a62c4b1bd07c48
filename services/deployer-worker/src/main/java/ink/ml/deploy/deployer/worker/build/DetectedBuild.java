package ink.ml.deploy.deployer.worker.build;

import java.nio.file.Path;

/**
 * How a checkout builds: with the Dockerfile found at the service's path.
 *
 * @param context the build context: the service's root directory in the checkout
 * @param exposedPort the first port of the Dockerfile's last EXPOSE, or null when it has none (or
 *     only a variable)
 * @param displayPath the Dockerfile's path in the repository, for messages
 */
public record DetectedBuild(
        Path context, Path dockerfile, Integer exposedPort, String displayPath) {}
