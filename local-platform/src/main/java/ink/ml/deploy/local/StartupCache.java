package ink.ml.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The class cache a service starts from, so that a start maps the classes its previous start loaded
 * instead of reading, parsing and verifying them from the jars again: from JDK 25 an AOT cache (JEP
 * 483 and 514: the classes loaded and linked), before it a dynamic AppCDS archive (JEP 350: the
 * classes loaded). bench/README ("Start-up and memory") has what each saves.
 *
 * <p>A start without a current cache trains one: the JVM writes it when the service exits. It
 * writes to a file of its own, which {@link #keep} makes the cache only when the service stopped by
 * itself (SIGTERM, not the SIGKILL after the grace period), so a half-written file is never read. A
 * rebuilt service (its jar newer than the cache) trains again, and so does another JVM: the file
 * name carries the JVM's version, and a cache is only valid for the JVM that wrote it.
 */
public final class StartupCache {
    /**
     * How long a stopping service may take to write its cache: the six services writing theirs at
     * once took 44 s on two cores (JDK 25).
     */
    public static final Duration WRITE_GRACE = Duration.ofMinutes(3);

    /** The first JDK with {@code -XX:AOTCacheOutput} (JEP 514). */
    private static final int AOT_CACHE_SINCE = 25;

    private final Runtime.Version runtime;

    StartupCache(Runtime.Version runtime) {
        this.runtime = runtime;
    }

    /** For services run by this JVM's {@code java}, as {@code ServiceProcess} runs them. */
    public static StartupCache ofThisJvm() {
        return new StartupCache(Runtime.version());
    }

    /** The JVM options that make a start of {@code serviceJar} read its cache, or train one. */
    public List<String> jvmOptions(Path serviceJar) {
        Path cache = cacheOf(serviceJar);
        if (!trains(serviceJar)) {
            return List.of((aot() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
        }
        return List.of(
                (aot() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=")
                        + trainingOutput(cache));
    }

    /** No current cache: a start of {@code serviceJar} now trains one, and writes it at exit. */
    public boolean trains(Path serviceJar) {
        return !isCurrent(cacheOf(serviceJar), serviceJar);
    }

    /**
     * After the service's process has ended: what a training start wrote becomes the cache when the
     * process stopped by itself, and is deleted otherwise. Nothing to do after a start that read
     * the cache.
     */
    public void keep(Path serviceJar, boolean stoppedByItself) {
        Path cache = cacheOf(serviceJar);
        Path written = trainingOutput(cache);
        try {
            if (stoppedByItself && Files.isRegularFile(written) && Files.size(written) > 0) {
                Files.move(
                        written,
                        cache,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(written);
            }
            // JDK 25 records the training in a file of its own first, then assembles the cache.
            Files.deleteIfExists(written.resolveSibling(written.getFileName() + ".config"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the start-up cache " + cache, e);
        }
    }

    /** Beside the jar: {@code mcpdeploy-startup-<JVM version>.aot} (or {@code .jsa}). */
    public Path cacheOf(Path serviceJar) {
        String version = runtime.toString().replaceAll("[^0-9A-Za-z.]", "_");
        return serviceJar.resolveSibling(
                "mcpdeploy-startup-" + version + (aot() ? ".aot" : ".jsa"));
    }

    private boolean aot() {
        return runtime.feature() >= AOT_CACHE_SINCE;
    }

    private static Path trainingOutput(Path cache) {
        return cache.resolveSibling("training-" + cache.getFileName());
    }

    /** Written after the jar was: a rebuild (a newer jar) makes the cache stale. */
    private static boolean isCurrent(Path cache, Path serviceJar) {
        try {
            return Files.isRegularFile(cache)
                    && Files.size(cache) > 0
                    && Files.getLastModifiedTime(cache)
                                    .compareTo(Files.getLastModifiedTime(serviceJar))
                            > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
