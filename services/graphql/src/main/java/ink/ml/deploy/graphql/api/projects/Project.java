package ink.ml.deploy.graphql.api.projects;

import ink.ml.deploy.platform.projects.ProjectView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A group of services that share a Kubernetes namespace.")
public record Project(
        @NonNull @Id String id,
        @NonNull String name,
        @NonNull @Description("The region its services run in, e.g. eu-central-1.") String region,
        @NonNull @Name("isDefault") @Description("Where services go when no project is named.")
                boolean isDefault,
        @NonNull @Description("Its Kubernetes namespace.") String namespace,
        @NonNull Instant createdAt) {
    public static Project of(ProjectView view) {
        return new Project(
                view.id(),
                view.name(),
                view.region(),
                view.isDefault(),
                view.namespace(),
                view.createdAt());
    }
}
