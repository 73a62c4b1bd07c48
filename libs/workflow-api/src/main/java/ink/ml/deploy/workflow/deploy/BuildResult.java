package ink.ml.deploy.workflow.deploy;

/**
 * @param exposedPort the port of the Dockerfile's last EXPOSE, or null
 * @param reused true when the registry already had the image and nothing was built
 * @param trailingOutput the build output not yet signalled when the build ended, stored by the
 *     workflow like signalled output (handing it over here saves a signal and a workflow task at
 *     the end of every build); null when there is none, and in results from deployers that
 *     signalled all of it
 */
public record BuildResult(
        String imageRef, Integer exposedPort, boolean reused, BuildOutput trailingOutput) {

    /** A result whose output was all signalled. */
    public static BuildResult of(String imageRef, Integer exposedPort, boolean reused) {
        return new BuildResult(imageRef, exposedPort, reused, null);
    }

    public BuildResult withTrailingOutput(BuildOutput output) {
        return new BuildResult(imageRef, exposedPort, reused, output);
    }
}
