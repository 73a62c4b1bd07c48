package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.workflow.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
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
 * Clones exactly one commit, shallow: a fresh repository fetches the sha itself at depth 1 (GitHub
 * and git's protocol v2 serve any reachable commit by id), so neither the branch's later pushes nor
 * the history are downloaded. The result is checked before it is checked out (see {@link
 * TreeInspection}) and deleted on any failure.
 */
public final class RepositoryCloner {
    private static final String BRANCH = "deploy";
    private static final int MAX_IO_TIMEOUT_SECONDS = 60;

    private final Path workDir;
    private final long maxBytes;
    private final Duration timeout;
    private final Clock clock;

    public RepositoryCloner(Path workDir, long maxBytes, Duration timeout, Clock clock) {
        this.workDir = workDir;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @param context the build's root directory in the repository ("" for the root): where
     *     submodules and LFS files are refused
     * @param cancelled polled while objects arrive; when it turns true the clone stops with a
     *     {@link CancellationException}
     * @throws io.temporal.failure.ApplicationFailure CLONE_FAILED for what the user has to fix
     *     (unknown repository or commit, access denied, too large or slow, submodules, LFS)
     */
    public GitCheckout clone(
            RemoteRepository remote, GitSha commit, String context, BooleanSupplier cancelled) {
        Path dir = createCheckoutDirectory();
        boolean complete = false;
        try {
            CloneMonitor monitor = new CloneMonitor(dir, maxBytes, timeout, cancelled, clock);
            try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call()) {
                disableAutomaticGc(git.getRepository());
                fetch(git, remote, commit, monitor);
                RevCommit fetched = fetchedCommit(git.getRepository(), remote, commit);
                refuseSurprises(
                        TreeInspection.of(git.getRepository(), fetched.getTree(), context),
                        remote,
                        CloneMonitor.sizeOnDisk(dir));
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.value()).call();
            }
            GitCheckout.deleteRecursively(dir.resolve(".git"));
            complete = true;
            return new GitCheckout(dir, commit);
        } catch (IOException e) {
            throw new UncheckedIOException("checking out " + remote.name() + " failed", e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(
                    "checking out " + remote.name() + " failed: " + e.getMessage(), e);
        } finally {
            if (!complete) {
                GitCheckout.deleteRecursively(dir);
            }
        }
    }

    private Path createCheckoutDirectory() {
        try {
            Files.createDirectories(workDir);
            return Files.createTempDirectory(workDir, "checkout-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkout directory in " + workDir, e);
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
                    .setCredentialsProvider(remote.credentials())
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
        CloneMonitor.Stop stop = monitor.stop();
        if (stop == CloneMonitor.Stop.CANCELLED) {
            return new CancellationException("the clone of " + remote.name() + " was cancelled");
        }
        if (stop == CloneMonitor.Stop.TIMED_OUT) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "cloning "
                            + remote.name()
                            + " took longer than "
                            + describe(timeout)
                            + ": is the repository very large?");
        }
        if (stop == CloneMonitor.Stop.TOO_LARGE) {
            return tooLarge(remote);
        }
        String message = messagesOf(e).toLowerCase(Locale.ROOT);
        if (e instanceof InvalidRemoteException
                || hasCause(e, NoRemoteRepositoryException.class)
                || message.contains("repository not found")
                || message.contains("not a git repository")
                || message.contains("does not appear to be a git repository")) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "repository " + remote.name() + " not found, or no access to it");
        }
        if (message.contains("not authorized")
                || message.contains("authentication is required")
                || message.contains("auth fail")
                || message.contains("403 forbidden")) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "access to " + remote.name() + " was denied: does the deployer still have it?");
        }
        // Servers refuse an unknown commit in different words (git: "not our ref", JGit just
        // hangs up), so ask the repository itself: if it answers, the commit is what is missing.
        if (message.contains("not our ref")
                || message.contains("not valid")
                || repositoryAnswers(remote)) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "commit "
                            + commit.value()
                            + " is not in "
                            + remote.name()
                            + ": was it force-pushed away?");
        }
        // Anything else (connection refused, reset, 5xx) may pass: the activity's retry policy
        // decides.
        return new IllegalStateException(
                "cloning " + remote.name() + " failed: " + messagesOf(e), e);
    }

    private boolean repositoryAnswers(RemoteRepository remote) {
        try {
            Git.lsRemoteRepository()
                    .setRemote(remote.url())
                    .setCredentialsProvider(remote.credentials())
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
            throw StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "commit " + commit.value() + " is not in " + remote.name());
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        }
    }

    private void refuseSurprises(TreeInspection tree, RemoteRepository remote, long packBytes) {
        if (packBytes + tree.totalBytes() > maxBytes) {
            throw tooLarge(remote);
        }
        if (!tree.submodules().isEmpty()) {
            throw StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    remote.name()
                            + " uses git submodules ("
                            + sample(tree.submodules())
                            + "), which deployments do not fetch yet: vendor their code into the"
                            + " repository, or move the service out of their directory");
        }
        if (!tree.lfsAttributes().isEmpty()) {
            throw StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    remote.name()
                            + " stores files in Git LFS ("
                            + sample(tree.lfsAttributes())
                            + " sets filter=lfs), which deployments do not fetch yet: the build"
                            + " would see pointer files instead of their content");
        }
    }

    private RuntimeException tooLarge(RemoteRepository remote) {
        return StepFailure.of(
                StepFailure.CLONE_FAILED,
                remote.name()
                        + " is larger than "
                        + maxBytes / (1024 * 1024)
                        + " MB at this commit, the limit for a deployment");
    }

    private static String sample(List<String> paths) {
        return paths.size() <= 3
                ? String.join(", ", paths)
                : String.join(", ", paths.subList(0, 3)) + ", …";
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 60 == 0
                ? duration.toMinutes() + " min"
                : duration.toSeconds() + " s";
    }

    private static String messagesOf(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.append(messages.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return messages.toString();
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
