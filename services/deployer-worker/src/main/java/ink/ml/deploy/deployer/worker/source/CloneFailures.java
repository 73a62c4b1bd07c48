package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.workflow.StepFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What a failed clone tells the user, in the same words whichever {@link RepositoryCloner} ran it.
 * Failures the user has to fix are non-retryable {@code CLONE_FAILED}; anything else (connection
 * refused, reset, a 5xx) is left to the activity's retry policy.
 */
final class CloneFailures {
    private final long maxBytes;
    private final Duration timeout;

    CloneFailures(long maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** A clone stopped by its monitor (cancelled, too slow, too large). */
    RuntimeException stopped(CloneStop stop, RemoteRepository remote) {
        return switch (stop) {
            case CANCELLED ->
                    new CancellationException("the clone of " + remote.name() + " was cancelled");
            case TIMED_OUT ->
                    StepFailure.of(
                            StepFailure.CLONE_FAILED,
                            "cloning "
                                    + remote.name()
                                    + " took longer than "
                                    + describe(timeout)
                                    + ": is the repository very large?");
            case TOO_LARGE -> tooLarge(remote);
        };
    }

    /**
     * A fetch that failed on its own, from what the transport said ({@code messages}, all causes or
     * the git CLI's output).
     *
     * @param notFound whether the transport itself already said "no such repository"
     * @param repositoryAnswers asked only when the words do not tell: if the repository answers,
     *     the commit is what is missing
     */
    RuntimeException fetchFailed(
            String messages,
            boolean notFound,
            RemoteRepository remote,
            GitSha commit,
            BooleanSupplier repositoryAnswers,
            Throwable cause) {
        if (saysDiskFull(messages)) {
            return diskFull(remote);
        }
        String message = messages.toLowerCase(Locale.ROOT);
        if (notFound
                || message.contains("repository not found")
                || (message.contains("repository '") && message.contains("' not found"))
                || message.contains("not a git repository")
                || message.contains("does not appear to be a git repository")) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "repository " + remote.name() + " not found, or no access to it");
        }
        if (message.contains("not authorized")
                || message.contains("authentication is required")
                || message.contains("authentication failed")
                || message.contains("could not read username")
                || message.contains("auth fail")
                || message.contains("403 forbidden")
                || message.contains("returned error: 403")) {
            return StepFailure.of(
                    StepFailure.CLONE_FAILED,
                    "access to " + remote.name() + " was denied: does the deployer still have it?");
        }
        // Servers refuse an unknown commit in different words (git: "not our ref", JGit just
        // hangs up), so ask the repository itself: if it answers, the commit is what is missing.
        if (message.contains("not our ref")
                || message.contains("not valid")
                || message.contains("unadvertised object")
                || repositoryAnswers.getAsBoolean()) {
            return commitMissing(remote, commit, ": was it force-pushed away?");
        }
        return new IllegalStateException(
                "cloning " + remote.name() + " failed: " + messages, cause);
    }

    /**
     * {@code failure} itself, unless what it says is that the checkout's disk is full: then the
     * reason the user reads ({@link #diskFull}), whichever git step ran out of space.
     */
    RuntimeException orDiskFull(RuntimeException failure, RemoteRepository remote) {
        return saysDiskFull(messagesOf(failure)) ? diskFull(remote) : failure;
    }

    /**
     * The build machine's disk is full. Not retried: another attempt seconds later meets the same
     * full disk, and the user learns at once why the deployment failed, in the platform's words
     * instead of git's; nothing is left on the disk (the cloners delete what they wrote).
     */
    RuntimeException diskFull(RemoteRepository remote) {
        return StepFailure.of(
                StepFailure.CLONE_FAILED,
                "the build machine ran out of disk space while cloning "
                        + remote.name()
                        + ": the platform's disk is full, not a problem in your code. Deploy"
                        + " again in a few minutes.");
    }

    private static boolean saysDiskFull(String messages) {
        String message = messages.toLowerCase(Locale.ROOT);
        return message.contains("no space left on device")
                || message.contains("disk quota exceeded");
    }

    RuntimeException commitMissing(RemoteRepository remote, GitSha commit, String hint) {
        return StepFailure.of(
                StepFailure.CLONE_FAILED,
                "commit " + commit.value() + " is not in " + remote.name() + hint);
    }

    /** Refuses what a checkout would get wrong, before anything is written to the working tree. */
    void refuseSurprises(TreeInspection tree, RemoteRepository remote, long packBytes) {
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

    static String messagesOf(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.append(messages.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return messages.toString();
    }
}
