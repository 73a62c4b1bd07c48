package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.StaticBusybox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Build contexts for {@code FROM scratch} images (no base image can be pulled here), with Debian's
 * static busybox when it is installed ({@code busybox-static}): it gives the image a program to
 * run, e.g. a RUN step that sleeps.
 */
final class TestImages {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestImages() {}

    /** The static busybox binary's bytes, when Debian's busybox-static is installed. */
    static Optional<byte[]> busybox() {
        if (!Files.isRegularFile(BUSYBOX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(BUSYBOX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] busyboxOrSkip() {
        // Skipped where the package is missing (failed in CI): these tests need a static binary to
        // put in a FROM scratch image (no Docker Hub here).
        RealParts.require(StaticBusybox.unavailableReason());
        return busybox().orElseThrow();
    }

    /** A context whose image serves HTTP on 8080 (or holds a small file without busybox). */
    static String serverDockerfile() {
        return busybox().isPresent()
                ? "FROM scratch\nCOPY busybox /bin/busybox\nEXPOSE 8080\n"
                        + "CMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\"]\n"
                : "FROM scratch\nCOPY busybox /bin/busybox\nEXPOSE 8080\n";
    }

    /** What {@link #serverDockerfile()} copies: busybox, or a stand-in file. */
    static byte[] serverBinary() {
        return busybox().orElse("not a binary".getBytes(StandardCharsets.UTF_8));
    }

    /** A RUN step that sleeps until cancelled; {@code marker} identifies its process. */
    static String sleepingDockerfile(int marker) {
        return "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"sleep\", \""
                + marker
                + "\"]\n";
    }

    /** Read from /proc: the step runs in the engine's container, outside this JVM's tree. */
    static boolean sleepRunning(int marker) {
        String needle = "busybox sleep " + marker;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(
                            dir ->
                                    dir.getFileName()
                                            .toString()
                                            .chars()
                                            .allMatch(Character::isDigit))
                    .map(dir -> commandLine(dir.resolve("cmdline")))
                    .anyMatch(line -> line.contains(needle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandLine(Path cmdline) {
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return ""; // the process ended meanwhile
        }
    }

    static void write(Path dir, String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), content);
            // COPY keeps the mode: busybox must stay executable in the image.
            Files.setPosixFilePermissions(
                    dir.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
