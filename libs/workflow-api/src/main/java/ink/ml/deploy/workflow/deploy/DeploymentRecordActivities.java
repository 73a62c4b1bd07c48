package ink.ml.deploy.workflow.deploy;

import io.temporal.activity.ActivityInterface;

/**
 * The product plane's side of a deployment (queue {@code default}): read the plan, record status,
 * events, the image and build output. Implemented by the worker over libs/platform.
 */
@ActivityInterface
public interface DeploymentRecordActivities {
    DeploymentPlan loadPlan(LoadPlanRequest request);

    /** Moves the status (refused moves fail non-retryably) and appends the matching event. */
    MarkStatusResult markStatus(MarkStatusRequest request);

    void recordImage(RecordImageRequest request);

    void appendEvent(AppendEventRequest request);

    /** Idempotent: lines are numbered, a retried batch stores nothing twice. */
    void appendBuildLog(AppendBuildLogRequest request);
}
