package ink.ml.deploy.deployer.worker.build;

import java.nio.file.Path;

/**
 * How a checkout builds: with the Dockerfile found at the service's path, or the one generated for
 * it.
 *
 * @param context the build context: the service's root directory in the checkout
 * @param dockerfile the repository's Dockerfile, or the generated one outside the checkout
 * @param exposedPort the first port of the Dockerfile's last EXPOSE, or null when it has none (or
 *     only a variable); a generated build's plan port
 * @param displayPath the Dockerfile's path in the repository, for messages
 */
public record DetectedBuild(
        Path context, Path dockerfile, Integer exposedPort, String displayPath) {}
