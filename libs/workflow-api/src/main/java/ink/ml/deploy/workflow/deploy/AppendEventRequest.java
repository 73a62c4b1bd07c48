package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.workflow.WireEnum;

/**
 * A deployment event: the step (clone, build, …), how it went, and a message for the user.
 *
 * @param eventKey the same on every attempt at writing this event (the workflow chooses it once,
 *     deterministically), so an activity run again after its worker died stores it once; null from
 *     a caller that writes each event once anyway (and from runs started before keys existed)
 */
public record AppendEventRequest(
        String deploymentId,
        @WireEnum DeploymentStep step,
        @WireEnum EventStatus status,
        String message,
        String eventKey) {

    /** An event without a key: stored on every call. */
    public AppendEventRequest(
            String deploymentId, DeploymentStep step, EventStatus status, String message) {
        this(deploymentId, step, status, message, null);
    }
}
