package ink.ml.deploy.deployer.worker.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Whether a clone must stop: the deployment was cancelled, the clone ran past its time, or what it
 * wrote to disk passed the size limit (checked at most twice a second, a directory walk being cheap
 * next to a network transfer). JGit asks it, as its progress monitor, while it receives objects;
 * the git CLI cloner asks it while it waits for {@code git fetch}.
 */
final class CloneMonitor implements ProgressMonitor {
    private static final Duration SIZE_CHECK_INTERVAL = Duration.ofMillis(500);

    private final Path directory;
    private final long maxBytes;
    private final Instant deadline;
    private final BooleanSupplier cancelled;
    private final Clock clock;
    private Instant nextSizeCheck;
    private volatile CloneStop stop;

    CloneMonitor(
            Path directory,
            long maxBytes,
            Duration timeout,
            BooleanSupplier cancelled,
            Clock clock) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.deadline = clock.instant().plus(timeout);
        this.cancelled = cancelled;
        this.clock = clock;
        this.nextSizeCheck = clock.instant();
    }

    /** Why the clone was stopped, or null when it was not. */
    CloneStop stop() {
        return stop;
    }

    @Override
    public boolean isCancelled() {
        if (stop != null) {
            return true;
        }
        if (cancelled.getAsBoolean()) {
            stop = CloneStop.CANCELLED;
        } else if (!clock.instant().isBefore(deadline)) {
            stop = CloneStop.TIMED_OUT;
        } else if (!clock.instant().isBefore(nextSizeCheck)) {
            nextSizeCheck = clock.instant().plus(SIZE_CHECK_INTERVAL);
            if (sizeOnDisk(directory) > maxBytes) {
                stop = CloneStop.TOO_LARGE;
            }
        }
        return stop != null;
    }

    static long sizeOnDisk(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(CloneMonitor::size).sum();
        } catch (IOException | UncheckedIOException e) {
            // Files come and go while JGit writes; an unreadable walk just skips one check.
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void start(int totalTasks) {}

    @Override
    public void beginTask(String title, int totalWork) {}

    @Override
    public void update(int completed) {}

    @Override
    public void endTask() {}

    @Override
    public void showDuration(boolean enabled) {}
}
