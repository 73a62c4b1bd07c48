package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.GitTokenRevocations;
import ink.ml.deploy.graphql.api.errors.InputFields;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.graphql.api.projects.Project;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.repos.GitTokenLifetime;
import ink.ml.deploy.platform.repos.InternalRepoView;
import ink.ml.deploy.platform.repos.InternalRepos;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class ReposApi {
    private final CurrentCaller caller;
    private final InternalRepos repos;
    private final GitTokenRevocations revocations;

    public ReposApi(CurrentCaller caller, InternalRepos repos, GitTokenRevocations revocations) {
        this.caller = caller;
        this.repos = repos;
        this.revocations = revocations;
    }

    @Query("internalRepos")
    @Description("A project's internal repositories, oldest first.")
    public @NonNull InternalRepoConnection internalRepos(
            @Name("projectId") @NonNull @Id String projectId,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        return new InternalRepoConnection(
                repos.list(caller.get(), projectId, Pages.request(first, after)),
                Ids.parse("projectId", projectId));
    }

    /**
     * Batched: one page of repositories for every project in the response, in one query however
     * many projects there are.
     */
    @Name("internalRepos")
    @Description("The project's internal repositories, oldest first.")
    public List<@NonNull InternalRepoConnection> projectRepos(
            @Source List<Project> projects,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        PageRequest request = Pages.request(first, after);
        List<UUID> ids = projects.stream().map(p -> UUID.fromString(p.id())).toList();
        Map<UUID, Page<InternalRepoView>> pages = repos.listByProjects(caller.get(), ids, request);
        return ids.stream()
                .map(id -> new InternalRepoConnection(pages.getOrDefault(id, Page.empty()), id))
                .toList();
    }

    @Mutation("createInternalRepo")
    @Description("A new repository on the platform's git server; push to it with createGitToken.")
    public @NonNull InternalRepo createInternalRepo(
            @Name("projectId") @NonNull @Id String projectId, @Name("name") @NonNull String name) {
        Caller who = caller.get();
        return InternalRepo.of(
                InputFields.renamed(
                        Map.of("repo", "name"), () -> repos.create(who, projectId, name)));
    }

    @Mutation("createGitToken")
    @Description("A push token for a repository and the git remote URL to push to.")
    public @NonNull GitToken createGitToken(
            @Name("repoId") @NonNull @Id String repoId,
            @Name("ttlSeconds")
                    @Description("How long it is valid: 60 s to 30 days (default 1 hour).")
                    Integer ttlSeconds) {
        return GitToken.of(
                repos.issueToken(
                        caller.get(),
                        repoId,
                        GitTokenLifetime.ofSeconds("ttlSeconds", ttlSeconds)));
    }

    @Query("gitTokens")
    @Description(
            "A repository's push tokens that have not expired, revoked ones included, newest"
                    + " first.")
    public @NonNull List<@NonNull GitTokenInfo> gitTokens(
            @Name("repoId") @NonNull @Id String repoId) {
        return repos.tokens(caller.get(), repoId).stream().map(GitTokenInfo::of).toList();
    }

    @Mutation("revokeGitToken")
    @Description(
            "Revokes a push token: the git server refuses it within moments (it is told through"
                    + " the deployment service, which must be reachable). Revoking again changes"
                    + " nothing.")
    public @NonNull GitTokenInfo revokeGitToken(@Name("id") @NonNull @Id String id) {
        Caller who = caller.get();
        return GitTokenInfo.of(
                InputFields.renamed(Map.of("tokenId", "id"), () -> revocations.revoke(who, id)));
    }

    /** Batched: the totals of every project's repositories in the response in one query. */
    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public List<@NonNull Integer> internalReposTotal(
            @Source List<InternalRepoConnection> connections) {
        List<UUID> ids = connections.stream().map(InternalRepoConnection::projectId).toList();
        Map<UUID, Long> counts = repos.countByProjects(caller.get(), ids);
        return ids.stream().map(id -> Math.toIntExact(counts.getOrDefault(id, 0L))).toList();
    }
}
