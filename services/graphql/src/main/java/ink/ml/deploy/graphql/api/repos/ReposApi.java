package ink.ml.deploy.graphql.api.repos;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.graphql.api.errors.InputFields;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.graphql.api.projects.Project;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.repos.IssuedGitToken;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
    /** The git server reads the token from the password; the user name is only informative. */
    private static final String TOKEN_USER = "git";

    private final CurrentCaller caller;
    private final InternalRepos repos;
    private final GitServerConfig gitServer;

    public ReposApi(CurrentCaller caller, InternalRepos repos, GitServerConfig gitServer) {
        this.caller = caller;
        this.repos = repos;
        this.gitServer = gitServer;
    }

    @Query("internalRepos")
    @Description("A project's internal repositories, oldest first.")
    public @NonNull InternalRepoConnection internalRepos(
            @Name("projectId") @NonNull @Id String projectId,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        Caller who = caller.get();
        return new InternalRepoConnection(
                repos.list(who, projectId, Pages.request(first, after)),
                () -> repos.count(who, projectId));
    }

    @Name("internalRepos")
    @Description("The project's internal repositories, oldest first.")
    public @NonNull InternalRepoConnection projectRepos(
            @Source Project project,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        return internalRepos(project.id(), first, after);
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
        if (ttlSeconds != null
                && (ttlSeconds < InternalRepos.MIN_TOKEN_TTL.toSeconds()
                        || ttlSeconds > InternalRepos.MAX_TOKEN_TTL.toSeconds())) {
            throw new InvalidValueException(
                    "ttlSeconds",
                    "must be between "
                            + InternalRepos.MIN_TOKEN_TTL.toSeconds()
                            + " (1 minute) and "
                            + InternalRepos.MAX_TOKEN_TTL.toSeconds()
                            + " (30 days); got "
                            + ttlSeconds);
        }
        IssuedGitToken issued =
                repos.issueToken(
                        caller.get(),
                        repoId,
                        ttlSeconds == null ? null : Duration.ofSeconds(ttlSeconds));
        URI remote =
                URI.create(
                        stripSlash(gitServer.publicUrl())
                                + "/"
                                + repos.path(caller.get(), issued.repoId()).value()
                                + ".git");
        String authenticated =
                remote.getScheme()
                        + "://"
                        + TOKEN_USER
                        + ":"
                        + issued.secret()
                        + "@"
                        + remote.getRawAuthority()
                        + remote.getRawPath();
        return new GitToken(
                issued.id(),
                issued.repoId(),
                issued.secret(),
                remote.toString(),
                authenticated,
                issued.expiresAt());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public int internalReposTotal(@Source InternalRepoConnection connection) {
        return Math.toIntExact(connection.countAll());
    }
}
