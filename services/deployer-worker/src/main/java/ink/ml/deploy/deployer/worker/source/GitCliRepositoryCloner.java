package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The {@link RepositoryCloner} that drives the {@code git} binary, as fast as a plain {@code git
 * clone --depth 1}: {@code git init}, {@code git fetch --depth 1 <url> <sha>} (the commit itself,
 * which protocol v2 serves by id), then {@link TreeInspection} reads the fetched tree (with JGit,
 * from the pack git wrote) before {@code git checkout} writes anything, and {@code .git} is
 * deleted.
 *
 * <p>The token travels in git's environment ({@code GIT_CONFIG_*}: an {@code
 * http.<url>.extraHeader} for exactly this repository's URL), never in the command line, the URL or
 * a message. The user's and the system's git configuration are ignored, so a credential helper, an
 * {@code insteadOf} or an LFS filter on the machine cannot change what is cloned; messages are in
 * English ({@code LC_ALL=C}) because failures are told apart by their words.
 */
public final class GitCliRepositoryCloner implements RepositoryCloner {
    private final Path gitBinary;
    private final Path workDir;
    private final long maxBytes;
    private final Duration timeout;
    private final Clock clock;
    private final CloneFailures failures;

    public GitCliRepositoryCloner(
            Path gitBinary, Path workDir, long maxBytes, Duration timeout, Clock clock) {
        this.gitBinary = gitBinary;
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
            GitCommand git = new GitCommand(gitBinary, dir, remote, monitor);
            checked(git.run("init", "--quiet", "--template=", "."), remote, "git init");
            fetch(git, remote, commit);
            inspect(dir, remote, commit, context);
            checked(
                    git.run("checkout", "--quiet", "--detach", commit.value()),
                    remote,
                    "git checkout");
            GitCheckout.deleteRecursively(dir.resolve(".git"));
            complete = true;
            return new GitCheckout(dir, commit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the clone of " + remote.name() + " was interrupted");
        } catch (IllegalStateException | UncheckedIOException e) {
            // git init, the tree's reading or the checkout may be what hit a full disk.
            throw failures.orDiskFull(e, remote);
        } finally {
            if (!complete) {
                GitCheckout.deleteRecursively(dir);
            }
        }
    }

    private void fetch(GitCommand git, RemoteRepository remote, GitSha commit)
            throws InterruptedException {
        GitCommand.Result fetched =
                git.run(
                        "fetch",
                        "--quiet",
                        "--depth=1",
                        "--no-tags",
                        "--no-recurse-submodules",
                        "--no-write-fetch-head",
                        remote.url(),
                        commit.value());
        if (fetched.stop() != null) {
            throw failures.stopped(fetched.stop(), remote);
        }
        if (fetched.exitCode() != 0) {
            throw failures.fetchFailed(
                    fetched.output(), false, remote, commit, () -> repositoryAnswers(git), null);
        }
    }

    /** {@code git ls-remote} of the repository's HEAD: does the repository answer at all? */
    private static boolean repositoryAnswers(GitCommand git) {
        try {
            GitCommand.Result listed = git.runUnmonitored("ls-remote", git.url(), "HEAD");
            return listed.exitCode() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void inspect(Path dir, RemoteRepository remote, GitSha commit, String context) {
        try (Repository repository =
                new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            ObjectId id = ObjectId.fromString(commit.value());
            if (!repository.getObjectDatabase().has(id)) {
                throw failures.commitMissing(remote, commit, "");
            }
            RevCommit fetched;
            try (RevWalk walk = new RevWalk(repository)) {
                fetched = walk.parseCommit(id);
            }
            failures.refuseSurprises(
                    TreeInspection.of(repository, fetched.getTree(), context),
                    remote,
                    CloneMonitor.sizeOnDisk(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the clone of " + remote.name() + " failed", e);
        }
    }

    private void checked(GitCommand.Result result, RemoteRepository remote, String step) {
        if (result.stop() != null) {
            throw failures.stopped(result.stop(), remote);
        }
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    step + " for " + remote.name() + " failed: " + result.output());
        }
    }
}
