package ink.ml.deploy.gitserver.repos;

import ink.ml.deploy.domain.InternalRepoPath;
import ink.ml.deploy.gitauth.config.GitServerConfig;
import ink.ml.deploy.gitserver.http.GitHttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jboss.logging.Logger;

/**
 * The bare repositories under {@code mcpdeploy.git-server.root}, at {@code
 * {user}/{project}/{repo}.git}. A repository comes into being on the first authorised push to it; a
 * fetch of one that does not exist is "not found".
 */
@ApplicationScoped
public class BareRepositories {
    private static final Logger LOG = Logger.getLogger(BareRepositories.class);
    private static final String SUFFIX = ".git";

    private final Path root;
    private final int maxReposPerOwner;

    /** Creation counts an owner's repositories first; one creation at a time keeps that true. */
    private final Object creation = new Object();

    public BareRepositories(GitServerConfig config) {
        this.root = Path.of(config.root()).toAbsolutePath().normalize();
        this.maxReposPerOwner = config.maxReposPerOwner();
    }

    /** Where {@code repo} lives on disk (whether or not it exists). */
    public Path directoryOf(InternalRepoPath repo) {
        return root.resolve(repo.user().value())
                .resolve(repo.project().value())
                .resolve(repo.repo().value() + SUFFIX);
    }

    /** The repository, opened; the caller closes it. Empty when nobody pushed to it yet. */
    public Optional<Repository> open(InternalRepoPath repo) {
        Path dir = directoryOf(repo);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the repository " + repo, e);
        }
    }

    /**
     * The repository, created (bare, HEAD on {@code main}) if it does not exist yet.
     *
     * @throws GitHttpException 403 when its owner already has {@code max-repos-per-owner}
     */
    public Repository openOrCreate(InternalRepoPath repo) {
        Optional<Repository> existing = open(repo);
        if (existing.isPresent()) {
            return existing.get();
        }
        synchronized (creation) {
            return open(repo).orElseGet(() -> create(repo));
        }
    }

    /** How many repositories {@code user} has on this server. */
    public long countOwnedBy(String user) {
        Path userDir = root.resolve(user);
        if (!Files.isDirectory(userDir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(userDir, 2)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(Files::isDirectory)
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the repositories of " + user, e);
        }
    }

    private Repository create(InternalRepoPath repo) {
        long owned = countOwnedBy(repo.user().value());
        if (owned >= maxReposPerOwner) {
            throw new GitHttpException(
                    HttpServletResponse.SC_FORBIDDEN,
                    "cannot create "
                            + repo
                            + ": "
                            + repo.user()
                            + " already has "
                            + owned
                            + " repositories, the most this server keeps per user");
        }
        Path dir = directoryOf(repo);
        try {
            Files.createDirectories(dir.getParent());
            Repository created = FileRepositoryBuilder.create(dir.toFile());
            created.create(true);
            created.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
            StoredConfig config = created.getConfig();
            // Belt and braces: ReceivePack is also told so; a repository copied elsewhere keeps it.
            config.setBoolean(
                    ConfigConstants.CONFIG_RECEIVE_SECTION, null, "denyNonFastForwards", true);
            config.save();
            LOG.infof("created repository %s", repo);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the repository " + repo, e);
        }
    }
}
