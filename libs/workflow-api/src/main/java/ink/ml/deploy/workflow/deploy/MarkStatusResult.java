package ink.ml.deploy.workflow.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.workflow.WireEnum;

/** The status after the move, as stored. */
public record MarkStatusResult(@WireEnum DeploymentStatus status) {}
