package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;

/** Projects: the groups services live in (one namespace each on the cluster). */
@ToolErrors
public class ProjectTools {
    private final CurrentCaller caller;
    private final Projects projects;

    ProjectTools(CurrentCaller caller, Projects projects) {
        this.caller = caller;
        this.projects = projects;
    }

    @Tool(
            name = "list_projects",
            title = "List projects",
            description =
                    "Lists your projects, oldest first, with their ids. Every account has a default"
                            + " project; tools that take a project accept its name or id. Pages: pass"
                            + " pageInfo.endCursor as `after` while pageInfo.hasNextPage is true.",
            annotations =
                    @Tool.Annotations(
                            title = "List projects",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    ProjectList listProjects(
            @ToolArg(
                            name = "first",
                            description = "How many projects to return.",
                            defaultValue = "20")
                    Integer first,
            @ToolArg(
                            name = "after",
                            description =
                                    "The endCursor of the previous page, to continue after it.",
                            required = false)
                    String after) {
        Page<ProjectView> page = projects.list(caller.get(), PageRequest.of(first, after));
        return new ProjectList(
                page.items().stream().map(ProjectOutput::of).toList(), PageInfo.of(page));
    }

    @Tool(
            name = "create_project",
            title = "Create project",
            description =
                    "Creates a project to group services (for example one per product or"
                            + " environment). Not needed for a first service: create_service uses"
                            + " your default project. The name becomes part of every service"
                            + " hostname in it: lowercase letters, digits and '-', at most 24.",
            annotations =
                    @Tool.Annotations(
                            title = "Create project",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            structuredContent = true)
    ProjectOutput createProject(
            @ToolArg(name = "name", description = "The project name, e.g. `shop`.") String name) {
        return ProjectOutput.of(projects.create(caller.get(), name));
    }
}
