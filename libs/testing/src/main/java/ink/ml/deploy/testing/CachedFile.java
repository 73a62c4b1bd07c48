package ink.ml.deploy.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One file of a cache shared by test JVMs (surefire forks, failsafe, a background warmer), made by
 * whoever asks first while the others wait for it. Each file has a lock of its own, so that waiting
 * for one file never waits behind the making of another: a root that takes five minutes to install
 * holds up only those who need that root.
 *
 * <p>A cached file must appear whole: its maker writes elsewhere and moves it into place, so a file
 * that exists is complete and is read without a lock.
 */
final class CachedFile {
    /** File locks are per process: threads of one JVM take this monitor first. */
    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private CachedFile() {}

    /** Something that makes (or updates) a cached file while holding its lock. */
    @FunctionalInterface
    interface Maker {
        void make() throws IOException;
    }

    /** {@code file}, made by {@code maker} under the file's lock unless it already exists. */
    static Path makeOnce(Path file, Maker maker) throws IOException {
        if (Files.isRegularFile(file)) {
            return file;
        }
        underLock(
                file,
                () -> {
                    if (!Files.isRegularFile(file)) {
                        maker.make();
                    }
                });
        return file;
    }

    /**
     * Runs {@code maker} holding {@code file}'s lock: for files that are checked and updated rather
     * than made once.
     */
    static void underLock(Path file, Maker maker) throws IOException {
        Path normalized = file.toAbsolutePath().normalize();
        Path lockFile = normalized.resolveSibling("." + normalized.getFileName() + ".lock");
        synchronized (MONITORS.computeIfAbsent(normalized, key -> new Object())) {
            try (FileChannel channel =
                            FileChannel.open(
                                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                maker.make();
            }
        }
    }
}
