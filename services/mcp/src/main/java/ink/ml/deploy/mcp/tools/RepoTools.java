package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.GitTokenRevocations;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.repos.GitTokenLifetime;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.InternalRepos;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;

/** Internal git repositories ({@code host: ink}) and push tokens for them. */
@ToolErrors
public class RepoTools {
    private final CurrentCaller caller;
    private final InternalRepos repos;
    private final ProjectReferences projects;
    private final RepoReferences repoReferences;
    private final GitTokenRevocations revocations;

    RepoTools(
            CurrentCaller caller,
            InternalRepos repos,
            ProjectReferences projects,
            RepoReferences repoReferences,
            GitTokenRevocations revocations) {
        this.caller = caller;
        this.repos = repos;
        this.projects = projects;
        this.repoReferences = repoReferences;
        this.revocations = revocations;
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
        return GitAccessOutput.of(repo, repos.issueToken(me, repo.id(), null));
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
        return GitAccessOutput.of(
                found,
                repos.issueToken(
                        me, found.id(), GitTokenLifetime.ofMinutes("ttlMinutes", ttlMinutes)));
    }

    @Tool(
            name = "list_git_tokens",
            title = "List git push tokens",
            description =
                    "Lists the push tokens of a repository made with create_repo that have not"
                            + " expired yet, newest first, revoked ones included (never the"
                            + " secrets): find the tokenId of a token to revoke by its prefix or"
                            + " creation time.",
            annotations =
                    @Tool.Annotations(
                            title = "List git push tokens",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    GitTokenList listGitTokens(
            @ToolArg(name = "repo", description = "The repository's name or id.") String repo,
            @ToolArg(
                            name = "project",
                            description =
                                    "Project name or id of the repository; your default project"
                                            + " when omitted.",
                            required = false)
                    String project) {
        Caller me = caller.get();
        InternalRepoView found = repoReferences.resolve(me, projects.resolve(me, project), repo);
        return new GitTokenList(
                found.id(), repos.tokens(me, found.id()).stream().map(GitTokenOutput::of).toList());
    }

    @Tool(
            name = "revoke_git_token",
            title = "Revoke git push token",
            description =
                    "Revokes a push token (tokenId from create_repo, get_git_token or"
                            + " list_git_tokens): the git server refuses it within moments."
                            + " Revoking again changes nothing. Needs the deployment service to"
                            + " tell the git server; when it is unreachable nothing changes and you"
                            + " are told to try again.",
            annotations =
                    @Tool.Annotations(
                            title = "Revoke git push token",
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    GitTokenOutput revokeGitToken(
            @ToolArg(name = "tokenId", description = "The token's id (not the token itself).")
                    String tokenId) {
        return GitTokenOutput.of(revocations.revoke(caller.get(), tokenId));
    }
}
