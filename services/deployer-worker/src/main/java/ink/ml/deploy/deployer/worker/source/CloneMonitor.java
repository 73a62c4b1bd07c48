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
 * JGit asks its progress monitor whether to go on while it receives objects: that is where a clone
 * is stopped when the deployment is cancelled, when it runs past its time, or when what it wrote to
 * disk passes the size limit (checked at most twice a second, a directory walk being cheap next to
 * a network transfer).
 */
final class CloneMonitor implements ProgressMonitor {
    private static final Duration SIZE_CHECK_INTERVAL = Duration.ofMillis(500);

    enum Stop {
        CANCELLED,
        TIMED_OUT,
        TOO_LARGE
    }

    private final Path directory;
    private final long maxBytes;
    private final Instant deadline;
    private final BooleanSupplier cancelled;
    private final Clock clock;
    private Instant nextSizeCheck;
    private volatile Stop stop;

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
    Stop stop() {
        return stop;
    }

    @Override
    public boolean isCancelled() {
        if (stop != null) {
            return true;
        }
        if (cancelled.getAsBoolean()) {
            stop = Stop.CANCELLED;
        } else if (!clock.instant().isBefore(deadline)) {
            stop = Stop.TIMED_OUT;
        } else if (!clock.instant().isBefore(nextSizeCheck)) {
            nextSizeCheck = clock.instant().plus(SIZE_CHECK_INTERVAL);
            if (sizeOnDisk(directory) > maxBytes) {
                stop = Stop.TOO_LARGE;
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
