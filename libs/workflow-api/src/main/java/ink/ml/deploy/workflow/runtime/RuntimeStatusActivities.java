package ink.ml.deploy.workflow.runtime;

import io.temporal.activity.ActivityInterface;

/**
 * The product plane's side of a runtime report (queue {@code default}). Implemented by the worker
 * over libs/platform.
 */
@ActivityInterface
public interface RuntimeStatusActivities {
    /**
     * Moves a live deployment to crashed or back to active, with an event giving the reason.
     * Idempotent: a deployment already in that state, not live, or gone is left as it is and the
     * call succeeds.
     */
    RuntimeStatusOutcome applyReport(RuntimeStatusReport report);
}
