package ink.ml.deploy.workflow.deploy;

/**
 * @param exposedPort the port of the Dockerfile's last EXPOSE, or null
 * @param reused true when the registry already had the image and nothing was built
 */
public record BuildResult(String imageRef, Integer exposedPort, boolean reused) {}
