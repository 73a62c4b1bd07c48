package ink.ml.deploy.platform.repos;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.RepoName;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.gitauth.GitAccess;
import ink.ml.deploy.gitauth.GitTokenClaims;
import ink.ml.deploy.gitauth.GitTokenRefusedException;
import ink.ml.deploy.gitauth.MintedGitToken;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.TokenHasher;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Internal git repositories of the caller's projects, and the push tokens that let git reach one of
 * them.
 *
 * <p>A token is signed ({@link ink.ml.deploy.gitauth}: repository path, push access, expiry, a
 * nonce; HMAC-SHA256 with {@code mcpdeploy.git-tokens.active-key}), so the git-server checks it
 * without a database. Each issued token is also recorded in {@code git_tokens} (lookup prefix and
 * keyed hash, never the token) as the audit list of what was handed out. <b>Revocation is by expiry
 * and by key rotation</b>: {@link #revokeToken} marks the row, which the product plane's own {@link
 * #verifyToken} honours, but the git-server keeps accepting the token until it expires; to cut
 * every outstanding token at once, remove its signing key from the git-server's {@code
 * mcpdeploy.git-tokens.keys}. Tokens are short-lived by default ({@link #DEFAULT_TOKEN_TTL}) for
 * that reason.
 */
@ApplicationScoped
public class InternalRepos {
    public static final String TOKEN_PREFIX = "dpg_";
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
    public static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(1);
    public static final Duration MAX_TOKEN_TTL = Duration.ofDays(30);

    /** {@code dpg_} + the first 8 hex of the token's nonce: names the audit row of a token. */
    static final int LOOKUP_PREFIX_LENGTH = TOKEN_PREFIX.length() + 8;

    private static final String UNIQUE_NAME = "internal_repos_project_name";

    private final EntityManager entityManager;
    private final Projects projects;
    private final TokenHasher hasher;
    private final GitTokenSigning signing;

    public InternalRepos(
            EntityManager entityManager,
            Projects projects,
            TokenHasher hasher,
            GitTokenSigning signing) {
        this.entityManager = entityManager;
        this.projects = projects;
        this.hasher = hasher;
        this.signing = signing;
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

    /** How many repositories the caller's project has (a connection's totalCount). */
    @Transactional
    public long count(Caller caller, String projectId) {
        Project project = projects.owned(caller, Ids.parse("projectId", projectId));
        return InternalRepo.count("projectId", project.id);
    }

    /**
     * A push token for one of the caller's repositories, valid for {@code ttl} (default {@link
     * #DEFAULT_TOKEN_TTL}, between {@link #MIN_TOKEN_TTL} and {@link #MAX_TOKEN_TTL}; the signed
     * expiry is rounded up to the second). The token is returned once and never stored; the git
     * remote is {@code {git-server}/{path(caller, repoId)}.git}.
     */
    @Transactional
    public IssuedGitToken issueToken(Caller caller, String repoId, Duration ttl) {
        InternalRepo repo = owned(caller, Ids.parse("repoId", repoId));
        Duration validFor = validTtl(ttl);
        String repoPath = pathOf(repo).value();
        MintedGitToken minted;
        int attempt = 0;
        do {
            if (attempt++ == 5) {
                throw new IllegalStateException("no free git token prefix after 5 attempts");
            }
            minted = signing.signer().mint(repoPath, GitAccess.PUSH, validFor);
        } while (GitToken.count("prefix", auditPrefix(minted.claims())) > 0);

        GitToken token = new GitToken();
        token.id = Ids.random();
        token.repoId = repo.id;
        token.userId = caller.id();
        token.prefix = auditPrefix(minted.claims());
        token.hash = hasher.hash(minted.token());
        token.createdAt = Timestamps.now();
        token.expiresAt = minted.claims().expiresAt();
        token.persistAndFlush();
        return new IssuedGitToken(
                token.id.toString(), minted.token(), repo.id.toString(), token.expiresAt);
    }

    /**
     * Whom a presented token lets push to {@code repoId}: empty for a malformed, forged, expired or
     * revoked token, for a token of another repository and for one not issued here. The signature
     * and the stored hash are compared in constant time.
     */
    @Transactional
    public Optional<Caller> verifyToken(String secret, UUID repoId) {
        if (secret == null || repoId == null) {
            return Optional.empty();
        }
        InternalRepo repo = InternalRepo.findById(repoId);
        if (repo == null) {
            return Optional.empty();
        }
        GitTokenClaims claims;
        try {
            claims = signing.verifier().verify(secret, pathOf(repo).value(), GitAccess.PUSH);
        } catch (GitTokenRefusedException e) {
            return Optional.empty();
        }
        GitToken token = GitToken.find("prefix", auditPrefix(claims)).firstResult();
        Instant now = Timestamps.now();
        if (token == null
                || !hasher.matches(secret, token.hash)
                || !token.repoId.equals(repoId)
                || !token.isValidAt(now)) {
            return Optional.empty();
        }
        token.lastUsedAt = now;
        return Optional.of(new Caller(UserId.of(token.userId)));
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
     * Marks one of the caller's tokens revoked in the audit list; revoking twice changes nothing.
     * The git-server does not read that list: the token works there until it expires (see the class
     * comment for cutting every token at once).
     */
    @Transactional
    public void revokeToken(Caller caller, String tokenId) {
        UUID id = Ids.parse("tokenId", tokenId);
        GitToken token =
                GitToken.find(
                                "id = :id and userId = :user",
                                Parameters.with("id", id).and("user", caller.id()))
                        .firstResult();
        if (token == null) {
            throw new NotFoundException("gitToken", id.toString());
        }
        if (token.revokedAt == null) {
            token.revokedAt = Timestamps.now();
        }
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

    private static String auditPrefix(GitTokenClaims claims) {
        return TOKEN_PREFIX
                + claims.nonce().substring(0, LOOKUP_PREFIX_LENGTH - TOKEN_PREFIX.length());
    }

    private static Duration validTtl(Duration ttl) {
        if (ttl == null) {
            return DEFAULT_TOKEN_TTL;
        }
        if (ttl.compareTo(MIN_TOKEN_TTL) < 0 || ttl.compareTo(MAX_TOKEN_TTL) > 0) {
            throw new InvalidValueException(
                    "ttl", "must be between 1 minute and 30 days (got " + ttl + ")");
        }
        return ttl;
    }

    private static ConflictException nameTaken(Project project, RepoName name) {
        return new ConflictException(
                "name", "project " + project.name + " already has a repo named " + name);
    }
}
