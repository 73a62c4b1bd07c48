package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.workflow.WireEnum;

/** A deployment event: the step (clone, build, …), how it went, and a message for the user. */
public record AppendEventRequest(
        String deploymentId,
        @WireEnum DeploymentStep step,
        @WireEnum EventStatus status,
        String message) {}
