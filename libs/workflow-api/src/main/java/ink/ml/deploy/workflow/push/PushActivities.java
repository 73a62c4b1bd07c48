package ink.ml.deploy.workflow.push;

import io.temporal.activity.ActivityInterface;

/** The product plane's side of a push (queue {@code default}). */
@ActivityInterface
public interface PushActivities {
    TrackingServices findTrackingServices(FindTrackingServicesRequest request);

    /**
     * Records a git-push deployment for one service, cancelling its in-flight one first (latest
     * wins), and starts its deploy workflow. Idempotent per (service, commit, delivery).
     */
    StartedDeployment startDeployment(StartDeploymentRequest request);
}
