package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.Namespaces;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.UserId;
import java.util.Objects;

/** What the project-wide resources are built from. */
public record ProjectSpec(UserId user, ProjectName project) {
    public ProjectSpec {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(project, "project");
    }

    public String namespace() {
        return Namespaces.forProject(user, project);
    }
}
