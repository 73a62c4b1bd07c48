package ink.ml.deploy.platform.repos;

import java.time.Instant;

/** What the APIs show of an internal repository. */
public record InternalRepoView(String id, String projectId, String name, Instant createdAt) {
    public static InternalRepoView of(InternalRepo repo) {
        return new InternalRepoView(
                repo.id.toString(), repo.projectId.toString(), repo.name, repo.createdAt);
    }
}
