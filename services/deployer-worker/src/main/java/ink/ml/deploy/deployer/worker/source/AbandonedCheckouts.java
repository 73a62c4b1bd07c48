package ink.ml.deploy.deployer.worker.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * Each deployer-worker process clones into a directory of its own, {@code deployer-<pid>} under the
 * checkouts directory, so that the checkouts of a process that died can be told from those of one
 * that runs. A worker killed mid-build (SIGKILL, out of memory, a lost node) never deletes its
 * checkout, and customer code must not outlive its build on the disk: at start, a worker deletes
 * the directories of processes that are gone, and its own pid's (a restarted container gets the
 * same pid, and the new process has cloned nothing yet). Another live worker's directory on the
 * same machine is left alone.
 */
final class AbandonedCheckouts {
    static final String PREFIX = "deployer-";

    private AbandonedCheckouts() {}

    /** Where this process clones: {@code <checkouts>/deployer-<pid>}. */
    static Path ownDirectory(Path checkouts) {
        return checkouts.resolve(PREFIX + ProcessHandle.current().pid());
    }

    /** {@link #delete(Path, long, LongPredicate)} for this process, asking the OS who is alive. */
    static List<Path> deleteAtStart(Path checkouts) {
        return delete(
                checkouts,
                ProcessHandle.current().pid(),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * Deletes the {@code deployer-<pid>} directories under {@code checkouts} whose process is not
     * {@code alive}, and {@code ownPid}'s; returns those deleted. Anything else is left alone.
     */
    static List<Path> delete(Path checkouts, long ownPid, LongPredicate alive) {
        if (!Files.isDirectory(checkouts)) {
            return List.of();
        }
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> entries = Files.list(checkouts)) {
            for (Path entry : entries.toList()) {
                Long pid = pidOf(entry);
                if (pid != null && (pid == ownPid || !alive.test(pid))) {
                    GitCheckout.deleteRecursively(entry);
                    deleted.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkouts in " + checkouts, e);
        }
        return deleted;
    }

    private static Long pidOf(Path entry) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(PREFIX) || !Files.isDirectory(entry)) {
            return null;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
