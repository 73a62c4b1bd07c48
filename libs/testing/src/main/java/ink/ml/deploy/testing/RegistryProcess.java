package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (Distribution 2.8) on a free port (127.0.0.1 unless told
 * otherwise), storing in a temporary directory, for tests that push images. Plain HTTP; no auth, or
 * token auth ({@link TokenAuth}) that refuses every anonymous request, the catalog included. Close
 * it to stop the process and delete its storage.
 *
 * <p>Where the package is missing, {@link #startOrSkip()} skips the calling test with a message
 * saying so ({@link RealParts}: in CI it fails); a registry that is installed but does not start
 * fails the test.
 */
public final class RegistryProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final String host;
    private Process process;

    private RegistryProcess(Process process, Path directory, String host) {
        this.process = process;
        this.directory = directory;
        this.host = host;
    }

    /**
     * The registry's {@code auth.token} section: it trusts tokens signed by the key of {@code
     * certificate}, issued by {@code issuer} for {@code service}, and sends clients without one to
     * {@code realm}.
     */
    public record TokenAuth(URI realm, String issuer, String service, Path certificate) {}

    /**
     * Starts the registry, or skips the calling test where it is not installed (fails it in CI).
     */
    public static RegistryProcess startOrSkip() {
        RealParts.require(unavailableReason());
        return start();
    }

    /** Why the registry cannot run here (the package is missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(BINARY)
                ? Optional.empty()
                : Optional.of(
                        "Debian's docker-registry is not installed ("
                                + BINARY
                                + "): ./run-tests installs it");
    }

    /**
     * Starts the registry; fails when it is not installed ({@link #unavailableReason()}) or does
     * not answer.
     */
    public static RegistryProcess start() {
        return start("127.0.0.1", Optional.empty());
    }

    /**
     * Starts the registry on {@code address} (a free port), with token auth when given; fails when
     * it is not installed ({@link #unavailableReason()}) or does not answer.
     */
    public static RegistryProcess start(String address, Optional<TokenAuth> auth) {
        InstalledParts.require(unavailableReason());
        Path directory;
        try {
            directory = Files.createTempDirectory("registry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String host = address + ":" + freePort();
        Path config = directory.resolve("config.yml");
        write(
                config,
                String.join(
                        "\n",
                        "version: 0.1",
                        "log:",
                        "  level: warn",
                        "storage:",
                        "  filesystem:",
                        "    rootdirectory: " + directory.resolve("data"),
                        "  delete:",
                        "    enabled: true",
                        "http:",
                        "  addr: " + host,
                        auth.map(RegistryProcess::authSection).orElse(""),
                        ""));
        RegistryProcess registry = new RegistryProcess(launch(directory), directory, host);
        registry.awaitReady(log(directory));
        return registry;
    }

    private static Process launch(Path directory) {
        try {
            return new ProcessBuilder(
                            BINARY.toString(), "serve", directory.resolve("config.yml").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(directory).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    private static Path log(Path directory) {
        return directory.resolve("registry.log");
    }

    /**
     * Stops the registry as an outage would, keeping what it stores: clients get connection refused
     * until {@link #restart()}.
     */
    public void stop() {
        stop(process);
    }

    /**
     * Starts the registry again after {@link #stop()}, on the same address with the same images.
     */
    public void restart() {
        process = launch(directory);
        awaitReady(log(directory));
    }

    private static String authSection(TokenAuth auth) {
        return String.join(
                "\n",
                "auth:",
                "  token:",
                "    realm: " + auth.realm(),
                "    service: " + auth.service(),
                "    issuer: " + auth.issuer(),
                "    rootcertbundle: " + auth.certificate());
    }

    /** {@code address:<port>}, as in image references. */
    public String host() {
        return host;
    }

    /** The port it listens on, e.g. to open it to a {@link BuildNetwork}. */
    public int port() {
        return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
    }

    private void awaitReady(Path log) {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(1))
                        .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException(
                        "docker-registry exited at start ("
                                + process.exitValue()
                                + "): "
                                + read(log));
            }
            try {
                HttpResponse<Void> response =
                        http.send(
                                HttpRequest.newBuilder(URI.create("http://" + host + "/v2/"))
                                        .timeout(Duration.ofSeconds(1))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                // 401: token auth is on, and the registry serves.
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting the registry", e);
            }
            pause();
        }
        close();
        throw new IllegalStateException(
                "docker-registry did not answer on "
                        + host
                        + " within "
                        + START_TIMEOUT
                        + ": "
                        + read(log));
    }

    @Override
    public void close() {
        stop(process);
        Directories.deleteQuietly(directory);
    }

    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Polling pause between two readiness checks. */
    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
