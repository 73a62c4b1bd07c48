package ink.ml.deploy.workflow.metrics;

import ink.ml.deploy.domain.DeploymentStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@value PlatformMeters#DEPLOYMENTS}: one count per deployment run that ended, tagged {@code
 * outcome} = {@code active}, {@code failed} or {@code cancelled}. Counted where the product plane
 * stores the status (the worker's activities, after the transaction commits), never in workflow
 * code, which must stay deterministic. What happens to a live deployment afterwards (crashed,
 * superseded, removed) is not a run's outcome.
 */
public final class DeploymentOutcomeMeter {
    /** The statuses a deployment run ends in. */
    public static final Set<DeploymentStatus> OUTCOMES =
            EnumSet.of(
                    DeploymentStatus.ACTIVE, DeploymentStatus.FAILED, DeploymentStatus.CANCELLED);

    private final MeterRegistry registry;

    public DeploymentOutcomeMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts a run that ended in {@code status}; any other status is not an outcome and is not
     * counted.
     */
    public void ended(DeploymentStatus status) {
        if (OUTCOMES.contains(status)) {
            registry.counter(PlatformMeters.DEPLOYMENTS, "outcome", PlatformMeters.tag(status))
                    .increment();
        }
    }
}
