package ink.ml.deploy.buildplan;

/** What the build runs: the repository's own Dockerfile, or one generated from a detected plan. */
public sealed interface BuildDecision permits RepositoryDockerfile, GeneratedBuild {}
