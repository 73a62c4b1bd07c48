package ink.ml.deploy.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cleans up after a private Docker engine that ran a host-network container: dockerd bind-mounts
 * the host's network namespace at {@code <exec-root>/netns/default} for it and leaves that mount in
 * place when it stops, so its temporary directory cannot be deleted. Call after the engine has
 * stopped; a directory already gone is left alone.
 */
final class HostNetworkMounts {
    private static final Path MOUNTS = Path.of("/proc/mounts");

    private HostNetworkMounts() {}

    /**
     * @param engineDirectory the engine's temporary directory (its API socket's parent)
     */
    static void release(Path engineDirectory) {
        if (!Files.isDirectory(engineDirectory) || !Files.isReadable(MOUNTS)) {
            return;
        }
        try {
            List<String> points =
                    Files.readAllLines(MOUNTS, StandardCharsets.UTF_8).stream()
                            .map(line -> line.split(" "))
                            .filter(fields -> fields.length > 1)
                            .map(fields -> fields[1])
                            .filter(point -> point.startsWith(engineDirectory + "/"))
                            .sorted(Comparator.reverseOrder())
                            .toList();
            for (String point : points) {
                Process umount =
                        new ProcessBuilder("umount", point).redirectErrorStream(true).start();
                String output =
                        new String(umount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
                    System.err.println("umount " + point + " failed: " + output);
                    return;
                }
            }
            try (Stream<Path> paths = Files.walk(engineDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            System.err.println("cannot clean " + engineDirectory + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
