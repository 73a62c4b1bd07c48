package ink.ml.deploy.workflow.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One observation of a live deployment by its execution target.
 *
 * @param deploymentId the deployment whose workload was observed (a UUID)
 * @param condition what it was doing
 * @param reason plain words for the user, e.g. "CrashLoopBackOff: exited with code 1, restarted 4
 *     times"; never variable values
 * @param observedAt when the target saw it; with the deployment and condition it names the report
 *     (see {@link ink.ml.deploy.workflow.WorkflowIds#runtimeStatus})
 */
public record RuntimeStatusReport(
        String deploymentId, RuntimeCondition condition, String reason, Instant observedAt) {

    /** The longest reason kept; the event column holds 4000 chars, the rest is the prefix. */
    public static final int MAX_REASON_LENGTH = 1000;

    public RuntimeStatusReport {
        Objects.requireNonNull(deploymentId, "deploymentId");
        UUID.fromString(deploymentId);
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(observedAt, "observedAt");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say in plain words what was seen");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH);
        }
    }
}
