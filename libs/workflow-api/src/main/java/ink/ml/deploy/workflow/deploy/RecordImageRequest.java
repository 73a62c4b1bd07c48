package ink.ml.deploy.workflow.deploy;

/**
 * The image a deployment runs.
 *
 * @param builtMessage when set, the {@code build:succeeded} event recorded with the image in the
 *     same transaction (one activity instead of two after a build); null in histories written
 *     before it existed
 */
public record RecordImageRequest(String deploymentId, String imageRef, String builtMessage) {
    public RecordImageRequest(String deploymentId, String imageRef) {
        this(deploymentId, imageRef, null);
    }
}
