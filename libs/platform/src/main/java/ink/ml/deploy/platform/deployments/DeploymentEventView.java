package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import java.time.Instant;

/**
 * One step of a deployment as the APIs show it. {@code id} increases in the order events were
 * recorded: pass the last one seen to follow a deployment.
 *
 * @param step a {@link DeploymentStep} value
 * @param status an {@link EventStatus} value
 */
public record DeploymentEventView(
        long id,
        String deploymentId,
        String step,
        String status,
        String message,
        Instant createdAt) {
    static DeploymentEventView of(DeploymentEvent event) {
        return new DeploymentEventView(
                event.id,
                event.deploymentId.toString(),
                event.step,
                event.status,
                event.message,
                event.createdAt);
    }
}
