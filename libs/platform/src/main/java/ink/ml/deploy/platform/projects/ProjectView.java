package ink.ml.deploy.platform.projects;

import java.time.Instant;

/** What the APIs show of a project. */
public record ProjectView(
        String id,
        String name,
        String region,
        boolean isDefault,
        String namespace,
        Instant createdAt) {
    public static ProjectView of(Project project) {
        return new ProjectView(
                project.id.toString(),
                project.name,
                project.region,
                project.isDefault,
                project.namespace(),
                project.createdAt);
    }
}
