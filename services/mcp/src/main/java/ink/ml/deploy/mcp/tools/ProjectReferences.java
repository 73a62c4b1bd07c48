package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Resolves the {@code project} argument of a tool: a project id, a project name, or nothing for the
 * caller's default project. Models remember names better than ids, so both are accepted.
 */
@ApplicationScoped
class ProjectReferences {
    private static final Pattern ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Projects projects;

    ProjectReferences(Projects projects) {
        this.projects = projects;
    }

    ProjectView resolve(Caller caller, String project) {
        if (project == null || project.isBlank()) {
            return projects.getDefault(caller);
        }
        if (isId(project)) {
            return projects.get(caller, project);
        }
        return projects.getByName(caller, project);
    }

    static boolean isId(String value) {
        return ID.matcher(value).matches();
    }
}
