package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.CreatedService;
import ink.ml.deploy.control.DeploymentControl;
import ink.ml.deploy.control.ServiceCreation;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.services.UpdateServiceRequest;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.util.Map;
import java.util.UUID;

/** Services: create, change, read and delete them. */
@ToolErrors
public class ServiceTools {
    static final String TAKES_EFFECT_ON_DEPLOY =
            "The change takes effect on the next deployment: call redeploy_service to deploy now.";

    static final String BUILD_DESCRIPTION =
            "How the image is built: `auto` uses the Dockerfile at dockerfilePath when there is"
                    + " one, else detects the app (package.json, requirements.txt/pyproject.toml,"
                    + " go.mod, index.html, a Maven or Gradle wrapper) and generates its build;"
                    + " `dockerfile` always builds the Dockerfile; `node`, `python`, `go`, `static`"
                    + " or `java` force that language's generated build.";
    private static final String COMMAND_RULES =
            " for a generated build (not used with a Dockerfile): one line, join steps with &&;"
                    + " the detected command when omitted.";
    static final String INSTALL_DESCRIPTION =
            "The install command, e.g. `npm ci` or `pip install -r requirements.txt`,"
                    + COMMAND_RULES;
    static final String BUILD_COMMAND_DESCRIPTION =
            "The build command, e.g. `npm run build`," + COMMAND_RULES;
    static final String START_DESCRIPTION =
            "The start command, e.g. `node server.js` or `gunicorn app:app --bind"
                    + " 0.0.0.0:$PORT`; the app must listen on $PORT,"
                    + COMMAND_RULES;
    private static final String CLEARED_BY_EMPTY = " An empty string clears it.";

    private final CurrentCaller caller;
    private final Services services;
    private final Projects projects;
    private final ProjectReferences projectReferences;
    private final ServiceSources sources;
    private final ServiceCreation creation;
    private final DeploymentControl control;
    private final ServiceStatusReader statusReader;

    ServiceTools(
            CurrentCaller caller,
            Services services,
            Projects projects,
            ProjectReferences projectReferences,
            ServiceSources sources,
            ServiceCreation creation,
            DeploymentControl control,
            ServiceStatusReader statusReader) {
        this.caller = caller;
        this.services = services;
        this.projects = projects;
        this.projectReferences = projectReferences;
        this.sources = sources;
        this.creation = creation;
        this.control = control;
        this.statusReader = statusReader;
    }

    @Tool(
            name = "create_service",
            title = "Create service",
            description =
                    "Creates a service that builds a repository (its Dockerfile, or a detected"
                            + " Node, Python, Go, static or Java app: see build) and runs it at"
                            + " its own URL, host <name>-<project>-<user> under the platform's"
                            + " apps domain (the exact URL is in the result), then deploys the newest commit of its branch. The repo is"
                            + " one made with create_repo (host ink: give its name) or a GitHub"
                            + " repository (host github: give owner/name; the MCPDeploy GitHub App"
                            + " must be installed on it). Every later push to the branch deploys"
                            + " again. If the branch has no commit yet, the service is created"
                            + " without a deployment and the first push deploys it. If the"
                            + " deployment service is unreachable, nothing is created: try again"
                            + " later. Watch progress with get_service.",
            annotations =
                    @Tool.Annotations(
                            title = "Create service",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = true),
            structuredContent = true)
    CreateServiceOutput createService(
            @ToolArg(
                            name = "name",
                            description =
                                    "The service name, e.g. `web`: lowercase letters, digits and"
                                            + " '-', starting with a letter, at most 24. Part of"
                                            + " its hostname; cannot change later.")
                    String name,
            @ToolArg(
                            name = "repo",
                            description =
                                    "The code: the name (or id) of a repository made with"
                                            + " create_repo, or `owner/name` on GitHub.")
                    String repo,
            @ToolArg(
                            name = "host",
                            description =
                                    "Where the repo lives: `ink` (create_repo) or `github`. When"
                                            + " omitted: github if repo is owner/name, else ink.",
                            required = false)
                    String host,
            @ToolArg(
                            name = "project",
                            description = "Project name or id; your default project when omitted.",
                            required = false)
                    String project,
            @ToolArg(name = "branch", description = "The branch to deploy.", defaultValue = "main")
                    String branch,
            @ToolArg(
                            name = "rootDirectory",
                            description =
                                    "The build context inside the repository, e.g. `apps/api`;"
                                            + " the repository root when omitted.",
                            required = false)
                    String rootDirectory,
            @ToolArg(
                            name = "dockerfilePath",
                            description = "The Dockerfile, relative to rootDirectory.",
                            defaultValue = "Dockerfile")
                    String dockerfilePath,
            @ToolArg(
                            name = "build",
                            description = BUILD_DESCRIPTION + " Default `auto`.",
                            required = false)
                    String build,
            @ToolArg(name = "installCommand", description = INSTALL_DESCRIPTION, required = false)
                    String installCommand,
            @ToolArg(
                            name = "buildCommand",
                            description = BUILD_COMMAND_DESCRIPTION,
                            required = false)
                    String buildCommand,
            @ToolArg(name = "startCommand", description = START_DESCRIPTION, required = false)
                    String startCommand,
            @ToolArg(
                            name = "port",
                            description = "The port the app listens on inside the container.",
                            defaultValue = "8080")
                    Integer port,
            @ToolArg(name = "memoryMi", description = "Memory in MiB.", defaultValue = "512")
                    Integer memoryMi,
            @ToolArg(name = "vcpu", description = "vCPUs.", defaultValue = "0.5") String vcpu,
            @ToolArg(
                            name = "env",
                            description =
                                    "Environment variables, name to value, e.g. {\"LOG_LEVEL\":"
                                            + " \"info\"}. Values are stored encrypted.",
                            required = false)
                    Map<String, String> env) {
        Caller me = caller.get();
        ProjectView inProject = projectReferences.resolve(me, project);
        ServiceSources.Source source = sources.resolve(me, inProject, repo, host);
        CreateServiceRequest.Builder request =
                CreateServiceRequest.builder(name)
                        .projectId(inProject.id())
                        .repoId(source.repoId())
                        .githubRepo(source.githubRepo())
                        .branch(branch)
                        .rootDirectory(rootDirectory)
                        .dockerfilePath(dockerfilePath)
                        .buildStrategy(build)
                        .installCommand(installCommand)
                        .buildCommand(buildCommand)
                        .startCommand(startCommand)
                        .vcpu(vcpu);
        if (port != null) {
            request.port(port);
        }
        if (memoryMi != null) {
            request.memoryMi(memoryMi);
        }
        if (env != null) {
            request.env(env);
        }
        CreatedService created = creation.create(me, request.build(), true);
        return CreateServiceOutput.of(created);
    }

    @Tool(
            name = "update_service",
            title = "Update service",
            description =
                    "Changes how a service is built or run; only the arguments you give change."
                            + " The name cannot change. Takes effect on the next deployment"
                            + " (redeploy_service or a push). Environment variables change with"
                            + " set_env_vars.",
            annotations =
                    @Tool.Annotations(
                            title = "Update service",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    UpdateServiceOutput updateService(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "repo",
                            description =
                                    "A new source: repository name (create_repo) or owner/name on"
                                            + " GitHub.",
                            required = false)
                    String repo,
            @ToolArg(
                            name = "host",
                            description = "Where the new repo lives: `ink` or `github`.",
                            required = false)
                    String host,
            @ToolArg(name = "branch", description = "The branch to deploy.", required = false)
                    String branch,
            @ToolArg(
                            name = "rootDirectory",
                            description = "The build context; empty for the repository root.",
                            required = false)
                    String rootDirectory,
            @ToolArg(
                            name = "dockerfilePath",
                            description = "The Dockerfile, relative to rootDirectory.",
                            required = false)
                    String dockerfilePath,
            @ToolArg(name = "build", description = BUILD_DESCRIPTION, required = false)
                    String build,
            @ToolArg(
                            name = "installCommand",
                            description = INSTALL_DESCRIPTION + CLEARED_BY_EMPTY,
                            required = false)
                    String installCommand,
            @ToolArg(
                            name = "buildCommand",
                            description = BUILD_COMMAND_DESCRIPTION + CLEARED_BY_EMPTY,
                            required = false)
                    String buildCommand,
            @ToolArg(
                            name = "startCommand",
                            description = START_DESCRIPTION + CLEARED_BY_EMPTY,
                            required = false)
                    String startCommand,
            @ToolArg(name = "port", description = "The port the app listens on.", required = false)
                    Integer port,
            @ToolArg(name = "memoryMi", description = "Memory in MiB.", required = false)
                    Integer memoryMi,
            @ToolArg(name = "vcpu", description = "vCPUs.", required = false) String vcpu) {
        Caller me = caller.get();
        UpdateServiceRequest.Builder request =
                UpdateServiceRequest.builder()
                        .branch(branch)
                        .rootDirectory(rootDirectory)
                        .dockerfilePath(dockerfilePath)
                        .buildStrategy(build)
                        .installCommand(installCommand)
                        .buildCommand(buildCommand)
                        .startCommand(startCommand)
                        .vcpu(vcpu);
        if (repo != null || host != null) {
            ServiceView current = services.get(me, serviceId);
            ProjectView project = projects.get(me, current.projectId());
            ServiceSources.Source source = sources.resolve(me, project, repo, host);
            request.repoId(source.repoId()).githubRepo(source.githubRepo());
        }
        if (port != null) {
            request.port(port);
        }
        if (memoryMi != null) {
            request.memoryMi(memoryMi);
        }
        ServiceView updated = services.update(me, serviceId, request.build());
        return new UpdateServiceOutput(ServiceOutput.of(updated), TAKES_EFFECT_ON_DEPLOY);
    }

    @Tool(
            name = "list_services",
            title = "List services",
            description =
                    "Lists the services of a project (your default project when none is given),"
                            + " oldest first, with their ids, sources and URLs. For status and"
                            + " errors of one service, call get_service.",
            annotations =
                    @Tool.Annotations(
                            title = "List services",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    ServiceList listServices(
            @ToolArg(
                            name = "project",
                            description = "Project name or id; your default project when omitted.",
                            required = false)
                    String project,
            @ToolArg(
                            name = "first",
                            description = "How many services to return.",
                            defaultValue = "20")
                    Integer first,
            @ToolArg(
                            name = "after",
                            description =
                                    "The endCursor of the previous page, to continue after it.",
                            required = false)
                    String after) {
        Caller me = caller.get();
        PageRequest pageRequest = PageRequest.of(first, after);
        ProjectView inProject = projectReferences.resolve(me, project);
        Page<ServiceView> page = services.list(me, inProject.id(), pageRequest);
        return new ServiceList(
                ProjectOutput.of(inProject),
                page.items().stream().map(ServiceOutput::of).toList(),
                PageInfo.of(page));
    }

    @Tool(
            name = "get_service",
            title = "Get service status",
            description =
                    "Shows a service and how it is doing: status of its newest deployment"
                            + " (queued, building, deploying, active, failed, …), its URL, the"
                            + " last error with the failed step and reason, the newest"
                            + " deployment's recent steps and last build log lines, and when it"
                            + " crashed or failed the last lines the app wrote (more with"
                            + " get_logs). Environment"
                            + " variable values only with includeEnv=true. Call it again to follow"
                            + " a deployment.",
            annotations =
                    @Tool.Annotations(
                            title = "Get service status",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    ServiceStatusOutput getService(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "includeEnv",
                            description =
                                    "Also return environment variable values (secrets: only"
                                            + " when needed).",
                            defaultValue = "false")
                    Boolean includeEnv,
            @ToolArg(
                            name = "events",
                            description = "How many of the newest deployment's last steps to show.",
                            defaultValue = "20")
                    Integer events,
            @ToolArg(
                            name = "logLines",
                            description = "How many of the last build log lines to show.",
                            defaultValue = "50")
                    Integer logLines) {
        return statusReader.read(
                caller.get(),
                serviceId,
                Boolean.TRUE.equals(includeEnv),
                events == null ? 20 : events,
                logLines == null ? 50 : logLines);
    }

    @Tool(
            name = "delete_service",
            title = "Delete service",
            description =
                    "Deletes a service: stops its deployment in flight, removes its workload and"
                            + " URL from the cluster, and erases its environment variables. Its"
                            + " name becomes free again. Cannot be undone; the repository is kept."
                            + " Asking again while the deletion runs changes nothing.",
            annotations =
                    @Tool.Annotations(
                            title = "Delete service",
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    DeletedServiceOutput deleteService(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId) {
        Caller me = caller.get();
        ServiceView service = services.get(me, serviceId);
        control.deleteService(me, UUID.fromString(service.id()));
        return new DeletedServiceOutput(
                service.id(),
                service.name(),
                "deleting",
                "The workload is being removed; the service no longer appears in list_services"
                        + " once it is gone.");
    }
}
