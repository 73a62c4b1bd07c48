package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.platform.projects.ProjectView;

/**
 * A project as tools show it.
 *
 * @param isDefault where services go when a tool is given no project
 */
public record ProjectOutput(
        String id, String name, String region, boolean isDefault, String createdAt) {
    static ProjectOutput of(ProjectView project) {
        return new ProjectOutput(
                project.id(),
                project.name(),
                project.region(),
                project.isDefault(),
                project.createdAt().toString());
    }
}
