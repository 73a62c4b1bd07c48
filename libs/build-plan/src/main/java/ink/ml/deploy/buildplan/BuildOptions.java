package ink.ml.deploy.buildplan;

import ink.ml.deploy.domain.BuildStrategy;

/**
 * What the service's settings say about its build. The commands were validated when the service was
 * saved; null means "the detected one".
 *
 * @param strategy {@code auto}, {@code dockerfile} or a language
 * @param dockerfilePath the repository's Dockerfile, relative to the build context
 */
public record BuildOptions(
        BuildStrategy strategy,
        String dockerfilePath,
        String installCommand,
        String buildCommand,
        String startCommand) {}
