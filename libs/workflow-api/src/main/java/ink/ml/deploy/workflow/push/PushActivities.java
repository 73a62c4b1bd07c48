package ink.ml.deploy.workflow.push;

import ink.ml.deploy.workflow.control.BranchSource;
import io.temporal.activity.ActivityInterface;

/** The product plane's side of a push (queue {@code default}). */
@ActivityInterface
public interface PushActivities {
    TrackingServices findTrackingServices(FindTrackingServicesRequest request);

    /**
     * The branch a tracking service follows and how its region's deployer reaches the repository:
     * what the push asks that deployer for the branch head with, so that a push that arrives after
     * a newer one does not deploy its older commit.
     *
     * @throws io.temporal.failure.ApplicationFailure non-retryable {@code ServiceGone} when the
     *     service was deleted since the push arrived
     */
    BranchSource trackedBranch(TrackedBranchRequest request);

    /**
     * Records a git-push deployment for one service, cancelling its in-flight one first (latest
     * wins), and starts its deploy workflow. Idempotent per (service, commit, delivery).
     */
    StartedDeployment startDeployment(StartDeploymentRequest request);
}
