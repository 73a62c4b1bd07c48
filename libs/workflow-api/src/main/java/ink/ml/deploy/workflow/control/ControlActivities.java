package ink.ml.deploy.workflow.control;

import io.temporal.activity.ActivityInterface;

/**
 * The product plane's side of a {@link DeploymentControlWorkflow} (queue {@code default}). Every
 * method acts for {@code userId} through libs/platform: another user's service or deployment is
 * "not found". Refusals that no retry can change are non-retryable failures of the types in {@link
 * ControlFailures}.
 */
@ActivityInterface
public interface ControlActivities {
    /** Where the service's code comes from: what the deployer needs to ask for its branch head. */
    BranchSource branchSource(BranchSourceRequest request);

    /**
     * Cancels the service's in-flight deployment and waits for it to stop (latest wins), records
     * the new deployment the request asks for and starts its deploy workflow.
     */
    ControlOutcome startRequestedDeployment(StartControlledDeploymentRequest request);

    /**
     * Cancels one in-flight deployment and returns once the database shows it ended. Refused with a
     * conflict when the deployment has already ended. Only control workflows started before {@link
     * #requestCancellation} call this; it stays for those that are still running.
     */
    ControlOutcome cancelRequestedDeployment(CancelDeploymentRequest request);

    /**
     * Records that the caller asked to cancel one of their in-flight deployments (an event; the
     * status is left to the deploy workflow) and asks its deploy workflow to stop, without waiting
     * for it. Refused with a conflict when the deployment has already ended.
     */
    ControlOutcome requestCancellation(CancelDeploymentRequest request);

    /**
     * Returns once a deployment whose cancellation was requested is no longer in flight. One that
     * has not stopped within the worker's cancellation wait is terminated and marked cancelled.
     */
    void awaitStopped(CancelDeploymentRequest request);
}
