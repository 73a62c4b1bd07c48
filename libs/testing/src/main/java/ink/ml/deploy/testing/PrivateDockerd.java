package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the two private engines of the tests ({@link DockerEngineProcess} for builds, {@link
 * AppEngineProcess} for apps) do alike with a dockerd of their own: wait for its API socket, stop
 * its process tree, and unmount what it leaves under its directory.
 */
final class PrivateDockerd {
    private PrivateDockerd() {}

    /**
     * Waits until dockerd answers {@code GET /_ping} on {@code socket}; otherwise runs {@code
     * close} and throws with the end of its log.
     */
    static void awaitReady(
            Process process, Path socket, Path log, Duration timeout, Runnable close) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = RegistryProcess.read(log);
                close.run();
                throw new IllegalStateException(
                        "dockerd exited at start (" + process.exitValue() + "): " + tail);
            }
            if (pings(socket)) {
                return;
            }
            RegistryProcess.pause();
        }
        String tail = RegistryProcess.read(log);
        close.run();
        throw new IllegalStateException(
                "dockerd did not answer on " + socket + " within " + timeout + ": " + tail);
    }

    /** {@code GET /_ping} over the API socket: "OK" once the engine serves requests. */
    static boolean pings(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(
                    ByteBuffer.wrap(
                            "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(1024);
            StringBuilder text = new StringBuilder();
            while (channel.read(answer) > 0) {
                answer.flip();
                text.append(StandardCharsets.US_ASCII.decode(answer));
                answer.clear();
            }
            return text.toString().startsWith("HTTP/1.0 200")
                    || text.toString().startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops dockerd (it stops its containerd) within {@code timeout}, forcibly after it, then
     * anything of its process tree still alive.
     */
    static void stop(Process process, Duration timeout) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * dockerd leaves mounts under its directory when it stops (network namespaces, shm, the host's
     * namespace bind-mounted for {@code --network host}); without unmounting them the directory
     * cannot be deleted.
     */
    static void unmountUnder(Path directory) {
        Path mounts = Path.of("/proc/self/mounts");
        if (!Files.isReadable(mounts)) {
            return;
        }
        List<String> inside;
        try (Stream<String> lines = Files.lines(mounts)) {
            String prefix = directory.toString() + "/";
            inside =
                    lines.map(line -> line.split(" "))
                            .filter(fields -> fields.length > 1)
                            // /proc/self/mounts escapes a space in a path as \040.
                            .map(fields -> fields[1].replace("\\040", " "))
                            .filter(mountPoint -> mountPoint.startsWith(prefix))
                            .sorted(Comparator.reverseOrder())
                            .toList();
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        for (String mountPoint : inside) {
            try {
                Process umount =
                        new ProcessBuilder("umount", "-l", mountPoint)
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                umount.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
