package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.platform.repos.InternalRepoView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A repository on the platform's git server; pushes to it deploy its services.")
public record InternalRepo(
        @NonNull @Id String id,
        @NonNull @Id String projectId,
        @NonNull String name,
        @NonNull Instant createdAt) {
    static InternalRepo of(InternalRepoView view) {
        return new InternalRepo(view.id(), view.projectId(), view.name(), view.createdAt());
    }
}
