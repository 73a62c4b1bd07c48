package ink.ml.deploy.buildplan;

/**
 * The repository's Dockerfile is built as it is: the strategy is {@code dockerfile}, or {@code
 * auto} found one at the Dockerfile path.
 */
public record RepositoryDockerfile(String dockerfilePath) implements BuildDecision {}
