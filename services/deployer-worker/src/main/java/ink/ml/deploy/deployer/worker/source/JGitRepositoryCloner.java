package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * The {@link RepositoryCloner} in the JVM: a fresh repository fetches the sha itself at depth 1
 * (GitHub and git's protocol v2 serve any reachable commit by id), so neither the branch's later
 * pushes nor the history are downloaded. The result is checked before it is checked out (see {@link
 * TreeInspection}) and deleted on any failure. For machines without a {@code git} binary.
 */
public final class JGitRepositoryCloner implements RepositoryCloner {
    private static final String BRANCH = "deploy";
    private static final int MAX_IO_TIMEOUT_SECONDS = 60;

    private final Path workDir;
    private final long maxBytes;
    private final Duration timeout;
    private final Clock clock;
    private final CloneFailures failures;

    public JGitRepositoryCloner(Path workDir, long maxBytes, Duration timeout, Clock clock) {
        this.workDir = workDir;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.clock = clock;
        this.failures = new CloneFailures(maxBytes, timeout);
    }

    @Override
    public GitCheckout clone(
            RemoteRepository remote, GitSha commit, String context, BooleanSupplier cancelled) {
        Path dir;
        try {
            dir = CheckoutDirectories.create(workDir);
        } catch (UncheckedIOException e) {
            throw failures.orDiskFull(e, remote);
        }
        boolean complete = false;
        try {
            CloneMonitor monitor = new CloneMonitor(dir, maxBytes, timeout, cancelled, clock);
            try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call()) {
                disableAutomaticGc(git.getRepository());
                fetch(git, remote, commit, monitor);
                RevCommit fetched = fetchedCommit(git.getRepository(), remote, commit);
                failures.refuseSurprises(
                        TreeInspection.of(git.getRepository(), fetched.getTree(), context),
                        remote,
                        CloneMonitor.sizeOnDisk(dir));
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.value()).call();
            }
            GitCheckout.deleteRecursively(dir.resolve(".git"));
            complete = true;
            return new GitCheckout(dir, commit);
        } catch (IOException e) {
            throw failures.orDiskFull(
                    new UncheckedIOException("checking out " + remote.name() + " failed", e),
                    remote);
        } catch (GitAPIException e) {
            throw failures.orDiskFull(
                    new IllegalStateException(
                            "checking out " + remote.name() + " failed: " + e.getMessage(), e),
                    remote);
        } finally {
            if (!complete) {
                GitCheckout.deleteRecursively(dir);
            }
        }
    }

    /** A checkout lives for one build: a background gc would only race its deletion. */
    private static void disableAutomaticGc(Repository repository) throws IOException {
        StoredConfig config = repository.getConfig();
        config.setInt("gc", null, "auto", 0);
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
    }

    private void fetch(Git git, RemoteRepository remote, GitSha commit, CloneMonitor monitor) {
        try {
            git.fetch()
                    .setRemote(remote.url())
                    .setCredentialsProvider(remote.jgitCredentials())
                    .setRefSpecs(new RefSpec(commit.value() + ":refs/heads/" + BRANCH))
                    .setDepth(1)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setProgressMonitor(monitor)
                    .setTimeout((int) Math.min(timeout.toSeconds(), MAX_IO_TIMEOUT_SECONDS))
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw failure(e, remote, commit, monitor);
        }
        if (monitor.stop() != null) {
            throw failure(null, remote, commit, monitor);
        }
    }

    private RuntimeException failure(
            Exception e, RemoteRepository remote, GitSha commit, CloneMonitor monitor) {
        CloneStop stop = monitor.stop();
        if (stop != null) {
            return failures.stopped(stop, remote);
        }
        return failures.fetchFailed(
                CloneFailures.messagesOf(e),
                e instanceof InvalidRemoteException
                        || hasCause(e, NoRemoteRepositoryException.class),
                remote,
                commit,
                () -> repositoryAnswers(remote),
                e);
    }

    private boolean repositoryAnswers(RemoteRepository remote) {
        try {
            Git.lsRemoteRepository()
                    .setRemote(remote.url())
                    .setCredentialsProvider(remote.jgitCredentials())
                    .setTimeout(MAX_IO_TIMEOUT_SECONDS)
                    .call();
            return true;
        } catch (GitAPIException | RuntimeException e) {
            return false;
        }
    }

    private RevCommit fetchedCommit(Repository repository, RemoteRepository remote, GitSha commit)
            throws IOException {
        ObjectId id = ObjectId.fromString(commit.value());
        if (!repository.getObjectDatabase().has(id)) {
            throw failures.commitMissing(remote, commit, "");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
