package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.InternalRepos;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.time.Duration;

/** Internal git repositories ({@code host: ink}) and push tokens for them. */
@ToolErrors
public class RepoTools {
    private final CurrentCaller caller;
    private final InternalRepos repos;
    private final ProjectReferences projects;
    private final RepoReferences repoReferences;
    private final GitRemotes remotes;

    RepoTools(
            CurrentCaller caller,
            InternalRepos repos,
            ProjectReferences projects,
            RepoReferences repoReferences,
            GitRemotes remotes) {
        this.caller = caller;
        this.repos = repos;
        this.projects = projects;
        this.repoReferences = repoReferences;
        this.remotes = remotes;
    }

    @Tool(
            name = "create_repo",
            title = "Create git repository",
            description =
                    "Creates an empty git repository on MCPDeploy's git server, for code that is"
                            + " not on GitHub, and returns a remote with a push token (scoped to"
                            + " this repository, expiring in an hour). Push your code there, then"
                            + " create_service with repo=<name> (host ink) deploys it; later pushes"
                            + " deploy again.",
            annotations =
                    @Tool.Annotations(
                            title = "Create git repository",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            structuredContent = true)
    GitAccessOutput createRepo(
            @ToolArg(
                            name = "name",
                            description =
                                    "The repository name: lowercase letters, digits and '-', at"
                                            + " most 63.")
                    String name,
            @ToolArg(
                            name = "project",
                            description = "Project name or id; your default project when omitted.",
                            required = false)
                    String project) {
        Caller me = caller.get();
        ProjectView inProject = projects.resolve(me, project);
        InternalRepoView repo = repos.create(me, inProject.id(), name);
        return remotes.access(me, inProject, repo, repos.issueToken(me, repo.id(), null));
    }

    @Tool(
            name = "get_git_token",
            title = "Get git push token",
            description =
                    "Returns a fresh push token and remote for a repository made with create_repo"
                            + " (the token is scoped to that repository and expires). Use it when"
                            + " the earlier token expired or was lost.",
            annotations =
                    @Tool.Annotations(
                            title = "Get git push token",
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            structuredContent = true)
    GitAccessOutput getGitToken(
            @ToolArg(name = "repo", description = "The repository's name or id.") String repo,
            @ToolArg(
                            name = "project",
                            description =
                                    "Project name or id of the repository; your default project"
                                            + " when omitted.",
                            required = false)
                    String project,
            @ToolArg(
                            name = "ttlMinutes",
                            description = "How long the token is valid, in minutes.",
                            defaultValue = "60")
                    Integer ttlMinutes) {
        Caller me = caller.get();
        InternalRepoView found = repoReferences.resolve(me, projects.resolve(me, project), repo);
        // A repository given by id may be of another project than the one named (or the default).
        ProjectView inProject = projects.resolve(me, found.projectId());
        Duration ttl = Duration.ofMinutes(ttlMinutes == null ? 60 : ttlMinutes);
        return remotes.access(me, inProject, found, repos.issueToken(me, found.id(), ttl));
    }
}
