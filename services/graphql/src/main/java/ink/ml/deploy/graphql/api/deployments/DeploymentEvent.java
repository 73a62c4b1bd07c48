package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.platform.deployments.DeploymentEventView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One step of a deployment, in the order recorded.")
public record DeploymentEvent(
        @NonNull @Id String id,
        @NonNull @Id String deploymentId,
        @NonNull DeploymentStep step,
        @NonNull EventStatus status,
        String message,
        @NonNull Instant createdAt) {
    public static DeploymentEvent of(DeploymentEventView view) {
        return new DeploymentEvent(
                Long.toString(view.id()),
                view.deploymentId(),
                DeploymentStep.fromValue(view.step()),
                EventStatus.fromValue(view.status()),
                view.message(),
                view.createdAt());
    }
}
