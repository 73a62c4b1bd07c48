package ink.ml.deploy.platform.repos;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.RepoName;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.MintedGitToken;
import ink.ml.deploy.gitauth.config.GitServerConfig;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.pagination.Cursor;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.projects.Projects;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Internal git repositories of the caller's projects, and the push tokens that let git reach one of
 * them.
 *
 * <p>A token is signed ({@link ink.ml.deploy.gitauth}: repository path, push access, expiry, a
 * token id; HMAC-SHA256 with {@code mcpdeploy.git-tokens.active-key}), so the git-server checks it
 * without a database. Each issued token is recorded in {@code git_tokens} (its id and a display
 * prefix, never the token), which is what a user lists and revokes. <b>A revocation reaches the
 * git-server through Temporal</b>: {@link #revocation} says what to publish and {@link
 * #revokeToken} marks the row once it is published (libs/control {@code GitTokenRevocations} does
 * both, in that order); the git-server keeps the list on its disk until the token's expiry. To cut
 * every outstanding token at once, remove its signing key from the git-server's {@code
 * mcpdeploy.git-tokens.keys}.
 */
@ApplicationScoped
public class InternalRepos {
    public static final String TOKEN_PREFIX = "dpg_";

    /** {@code dpg_} + the first 8 hex of the token's id: tells a user's tokens apart. */
    static final int DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length() + 8;

    private static final String UNIQUE_NAME = "internal_repos_project_name";

    private final EntityManager entityManager;
    private final Projects projects;
    private final GitTokenSigning signing;
    private final GitRemotes remotes;
    private final GitServerConfig gitServer;

    public InternalRepos(
            EntityManager entityManager,
            Projects projects,
            GitTokenSigning signing,
            GitRemotes remotes,
            GitServerConfig gitServer) {
        this.entityManager = entityManager;
        this.projects = projects;
        this.signing = signing;
        this.remotes = remotes;
        this.gitServer = gitServer;
    }

    @Transactional
    public InternalRepoView create(Caller caller, String projectId, String repoName) {
        Project project = projects.owned(caller, Ids.parse("projectId", projectId));
        RepoName name = RepoName.of(repoName);
        if (InternalRepo.count("projectId = ?1 and name = ?2", project.id, name.value()) > 0) {
            throw nameTaken(project, name);
        }
        InternalRepo repo = new InternalRepo();
        repo.id = Ids.random();
        repo.projectId = project.id;
        repo.name = name.value();
        repo.createdAt = Timestamps.now();
        try {
            repo.persistAndFlush();
        } catch (PersistenceException e) {
            // Another transaction created the same name between the check and the insert.
            if (violates(e, UNIQUE_NAME)) {
                throw nameTaken(project, name);
            }
            throw e;
        }
        return InternalRepoView.of(repo);
    }

    @Transactional
    public InternalRepoView get(Caller caller, String repoId) {
        return InternalRepoView.of(owned(caller, Ids.parse("repoId", repoId)));
    }

    /** A project's repositories, oldest first. */
    @Transactional
    public Page<InternalRepoView> list(Caller caller, String projectId, PageRequest page) {
        Project project = projects.owned(caller, Ids.parse("projectId", projectId));
        List<InternalRepo> rows =
                Keyset.rows(
                        InternalRepo.getEntityManager(),
                        InternalRepo.class,
                        "e.projectId = :project",
                        Map.of("project", project.id),
                        page,
                        Keyset.Order.OLDEST_FIRST);
        return Page.of(rows, page, r -> new Cursor(r.createdAt, r.id), InternalRepoView::of);
    }

    /**
     * One page of repositories of each of the given projects, oldest first, in one query (for
     * batched GraphQL fields). Projects that are not the caller's are absent from the map.
     */
    @Transactional
    public Map<UUID, Page<InternalRepoView>> listByProjects(
            Caller caller, Collection<UUID> projectIds, PageRequest page) {
        UUID[] ids = projectIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        Map<UUID, List<InternalRepo>> rowsByProject = new LinkedHashMap<>();
        for (InternalRepo row :
                Keyset.rowsPerScope(
                        entityManager,
                        InternalRepo.class,
                        Projects.OWNED,
                        "internal_repos",
                        "project_id",
                        Map.of("ids", ids, "user", caller.id()),
                        page,
                        Keyset.Order.OLDEST_FIRST)) {
            rowsByProject.computeIfAbsent(row.projectId, id -> new ArrayList<>()).add(row);
        }
        Map<UUID, Page<InternalRepoView>> pages = new LinkedHashMap<>();
        rowsByProject.forEach(
                (project, rows) ->
                        pages.put(
                                project,
                                Page.of(
                                        rows,
                                        page,
                                        r -> new Cursor(r.createdAt, r.id),
                                        InternalRepoView::of)));
        return pages;
    }

    /**
     * How many repositories each of the given projects has, in one query (for batched totalCount
     * fields). Projects that are not the caller's are absent from the map.
     */
    @Transactional
    public Map<UUID, Long> countByProjects(Caller caller, Collection<UUID> projectIds) {
        UUID[] ids = projectIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return Keyset.countsPerScope(
                entityManager,
                Projects.OWNED,
                "internal_repos",
                "project_id",
                "",
                Map.of("ids", ids, "user", caller.id()));
    }

    /** How many repositories the caller's project has (a connection's totalCount). */
    @Transactional
    public long count(Caller caller, String projectId) {
        Project project = projects.owned(caller, Ids.parse("projectId", projectId));
        return InternalRepo.count("projectId", project.id);
    }

    /**
     * A push token for one of the caller's repositories, valid for {@code ttl} ({@link
     * GitTokenLifetime}: an hour when empty; the signed expiry is rounded up to the second), with
     * the remote to push to. The token is returned once and never stored.
     */
    @Transactional
    public IssuedGitToken issueToken(Caller caller, String repoId, Duration ttl) {
        InternalRepo repo = owned(caller, Ids.parse("repoId", repoId));
        Duration validFor = GitTokenLifetime.of(ttl);
        InternalRepoPath path = pathOf(repo);
        MintedGitToken minted = signing.signer().mint(path.value(), GitAccess.PUSH, validFor);

        GitToken token = new GitToken();
        token.id = Ids.random();
        token.repoId = repo.id;
        token.userId = caller.id();
        token.tokenId = minted.claims().id();
        token.prefix = displayPrefix(minted.claims().id());
        token.createdAt = Timestamps.now();
        token.expiresAt = minted.claims().expiresAt();
        token.persistAndFlush();
        return IssuedGitToken.of(token, minted.token(), remotes.of(path));
    }

    /**
     * The push tokens of one of the caller's repositories that have not expired yet, revoked ones
     * included, newest first: what a user picks a token to revoke from.
     */
    @Transactional
    public List<GitTokenView> tokens(Caller caller, String repoId) {
        InternalRepo repo = owned(caller, Ids.parse("repoId", repoId));
        return GitToken.<GitToken>find(
                        "repoId = :repo and expiresAt > :now order by createdAt desc, id desc",
                        Parameters.with("repo", repo.id).and("now", Timestamps.now()))
                .stream()
                .map(GitTokenView::of)
                .toList();
    }

    /**
     * Where one of the caller's repositories lives on the git-server: {@code
     * {user}/{project}/{repo}}, the path of its remote (add {@code .git}).
     */
    @Transactional
    public InternalRepoPath path(Caller caller, String repoId) {
        return pathOf(owned(caller, Ids.parse("repoId", repoId)));
    }

    /**
     * What the git-server must be told to refuse one of the caller's tokens; reads only. An expired
     * token needs nothing published (empty): the git-server refuses it already.
     *
     * @throws NotFoundException {@code gitToken} for an id that is not one of the caller's tokens
     * @throws ConflictException {@code id} for a token issued before tokens had a recorded id: it
     *     cannot be revoked by itself and stops working at its expiry
     */
    @Transactional
    public Optional<GitTokenRevocation> revocation(Caller caller, String tokenId) {
        GitToken token = ownedToken(caller, tokenId);
        if (!token.expiresAt.isAfter(Timestamps.now())) {
            return Optional.empty();
        }
        if (token.tokenId == null) {
            throw new ConflictException(
                    "id",
                    "token "
                            + token.prefix
                            + "… was issued before git tokens could be revoked one by one: it"
                            + " stops working at "
                            + token.expiresAt
                            + " (to cut every token now, rotate the git token key)");
        }
        return Optional.of(
                new GitTokenRevocation(
                        token.id.toString(), token.tokenId, token.expiresAt, gitServer.region()));
    }

    /**
     * Marks one of the caller's tokens revoked, once its revocation has been handed to the
     * git-server ({@link #revocation}); revoking twice keeps the first time.
     *
     * @throws NotFoundException {@code gitToken} for an id that is not one of the caller's tokens
     */
    @Transactional
    public GitTokenView revokeToken(Caller caller, String tokenId) {
        GitToken token = ownedToken(caller, tokenId);
        if (token.revokedAt == null) {
            token.revokedAt = Timestamps.now();
        }
        return GitTokenView.of(token);
    }

    /**
     * The caller's repository, for the other application services (e.g. a service built from it). A
     * repository in someone else's project is "not found", exactly like one that does not exist.
     */
    public InternalRepo owned(Caller caller, UUID repoId) {
        InternalRepo repo =
                entityManager
                        .createQuery(
                                "select r from InternalRepo r, Project p where p.id = r.projectId"
                                        + " and r.id = :id and p.userId = :user",
                                InternalRepo.class)
                        .setParameter("id", repoId)
                        .setParameter("user", caller.id())
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
        if (repo == null) {
            throw new NotFoundException("repo", repoId.toString());
        }
        return repo;
    }

    private InternalRepoPath pathOf(InternalRepo repo) {
        Project project = entityManager.find(Project.class, repo.projectId);
        return new InternalRepoPath(
                UserId.of(project.userId), ProjectName.of(project.name), RepoName.of(repo.name));
    }

    /**
     * A token of the caller's: one of another user is "not found", like one that does not exist.
     */
    private static GitToken ownedToken(Caller caller, String tokenId) {
        UUID id = Ids.parse("tokenId", tokenId);
        GitToken token =
                GitToken.find(
                                "id = :id and userId = :user",
                                Parameters.with("id", id).and("user", caller.id()))
                        .firstResult();
        if (token == null) {
            throw new NotFoundException("gitToken", id.toString());
        }
        return token;
    }

    private static String displayPrefix(String tokenId) {
        return TOKEN_PREFIX + tokenId.substring(0, DISPLAY_PREFIX_LENGTH - TOKEN_PREFIX.length());
    }

    private static ConflictException nameTaken(Project project, RepoName name) {
        return new ConflictException(
                "name", "project " + project.name + " already has a repo named " + name);
    }
}
