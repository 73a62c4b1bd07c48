package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.platform.deployments.DeploymentView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One attempt to run a commit of a service. Never shows the variables.")
public record Deployment(
        @NonNull @Id String id,
        @NonNull @Id String serviceId,
        @NonNull DeploymentStatus status,
        @NonNull DeploymentTrigger trigger,
        @NonNull @Description("The commit it builds (40 hex).") String commitSha,
        @Description("The image it runs; null until built.") String imageRef,
        @Id @Description("For a rollback: the deployment whose image it reuses.") String rollbackOf,
        @Description("The step that failed, when it failed.") String errorStep,
        @Description("Why it failed, written to act on.") String errorMessage,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt,
        @Description("When it reached a final status.") Instant finishedAt) {
    public static Deployment of(DeploymentView view) {
        return new Deployment(
                view.id(),
                view.serviceId(),
                DeploymentStatus.fromValue(view.status()),
                DeploymentTrigger.fromValue(view.trigger()),
                view.commitSha(),
                view.imageRef(),
                view.rollbackOf(),
                view.errorStep(),
                view.errorMessage(),
                view.createdAt(),
                view.updatedAt(),
                view.finishedAt());
    }
}
