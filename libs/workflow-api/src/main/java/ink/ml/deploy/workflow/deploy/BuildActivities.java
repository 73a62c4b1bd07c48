package ink.ml.deploy.workflow.deploy;

import io.temporal.activity.ActivityInterface;

/**
 * The cluster's build (queue {@code deployer-{region}}): clone the exact commit, find the
 * Dockerfile, build and push the image. One activity, because the checkout lives on the worker's
 * disk. Heartbeats while it runs and stops the build when cancelled; reports output lines to the
 * deploy workflow as they come. Skips the build when the registry already has the image.
 */
@ActivityInterface
public interface BuildActivities {
    BuildResult buildImage(BuildRequest request);
}
