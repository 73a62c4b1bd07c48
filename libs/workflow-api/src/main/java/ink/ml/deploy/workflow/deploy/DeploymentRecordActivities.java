package ink.ml.deploy.workflow.deploy;

import io.temporal.activity.ActivityInterface;

/**
 * The product plane's side of a deployment (queue {@code default}): read the plan, record status,
 * events, the image and build output. Implemented by the worker over libs/platform.
 */
@ActivityInterface
public interface DeploymentRecordActivities {
    /**
     * Failure type (non-retryable) of a record a newer run made stale: the deployment is no longer
     * in a state this step may change (it was cancelled, superseded, or it ended). The workflow
     * stops quietly: a cancelled or superseded run never writes over a newer one. The failure's
     * details hold the deployment's current status value.
     */
    String STALE_DEPLOYMENT = "StaleDeployment";

    /** Failure type (non-retryable): the deployment does not exist. */
    String DEPLOYMENT_NOT_FOUND = "DeploymentNotFound";

    DeploymentPlan loadPlan(LoadPlanRequest request);

    /** Moves the status (refused moves fail non-retryably) and appends the matching event. */
    MarkStatusResult markStatus(MarkStatusRequest request);

    /**
     * Moves a queued deployment to building, with its event, when its user runs fewer builds than
     * the worker allows at a time; otherwise leaves it queued and says how many run and how long to
     * wait before asking again. A deployment already building keeps its slot (a retried claim). A
     * deployment that is neither fails as {@link #STALE_DEPLOYMENT}.
     */
    ClaimBuildSlotResult claimBuildSlot(ClaimBuildSlotRequest request);

    void recordImage(RecordImageRequest request);

    void appendEvent(AppendEventRequest request);

    /** Idempotent: lines are numbered, a retried batch stores nothing twice. */
    void appendBuildLog(AppendBuildLogRequest request);
}
