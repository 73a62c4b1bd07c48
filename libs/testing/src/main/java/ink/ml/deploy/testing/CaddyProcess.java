package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Caddy ({@code /usr/bin/caddy}) as the single-host edge, for tests and benchmarks: its
 * admin API on a free loopback port, and a loopback port reserved for the edge server that the code
 * under test configures through that API (Caddy starts with an admin endpoint only). Its data,
 * config and autosave live in a temporary directory ({@code XDG_DATA_HOME}, {@code XDG_CONFIG_HOME}
 * and {@code HOME} point there). Close it to stop Caddy and delete the directory.
 *
 * <p>{@link #restart(Restart)} stops Caddy and starts it again in the same directory, on the same
 * ports: with {@link Restart#RESUME} ({@code caddy run --resume}) it serves the config it last had,
 * which Caddy saves after every change; with {@link Restart#FRESH} it starts from the initial file,
 * with no routes. A production edge should run with {@code --resume}: after a crash or a reboot the
 * apps answer again before the platform is back.
 *
 * <p>Where Caddy is not installed, {@link #startOrSkip()} skips the calling test with a message
 * saying so, except in CI ({@code CI=true}), where a missing part is a failure. A Caddy that is
 * installed but does not start fails the test.
 */
public final class CaddyProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/caddy");
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /** How {@link #restart} brings Caddy back. */
    public enum Restart {
        /** {@code caddy run --resume}: the last config Caddy had, routes included. */
        RESUME,
        /** {@code caddy run --config <initial file>}: an admin endpoint only. */
        FRESH
    }

    private final Path directory;
    private final int adminPort;
    private final int edgePort;
    private Process process;

    private CaddyProcess(Path directory, int adminPort, int edgePort) {
        this.directory = directory;
        this.adminPort = adminPort;
        this.edgePort = edgePort;
    }

    /** {@link #start()}, or a skipped test where Caddy is not installed and this is not CI. */
    public static CaddyProcess startOrSkip() {
        RealParts.require(unavailableReason());
        return start();
    }

    /** Why Caddy cannot run here (the package is missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(BINARY)
                ? Optional.empty()
                : Optional.of(
                        "Debian's caddy is not installed (" + BINARY + "): apt-get install caddy");
    }

    /**
     * Starts Caddy with the edge port free on loopback; fails when it is missing or does not
     * answer.
     */
    public static CaddyProcess start() {
        return start(RegistryProcess.freePort());
    }

    /**
     * Starts Caddy, reserving {@code edgePort} on loopback for the edge; fails when Caddy is
     * missing ({@link #unavailableReason()}) or its admin API does not answer.
     */
    public static CaddyProcess start(int edgePort) {
        return start(edgePort, RegistryProcess.freePort());
    }

    /**
     * Starts Caddy with its admin API on {@code adminPort}, reserving {@code edgePort} on loopback
     * for the edge; fails when Caddy is missing or its admin API does not answer.
     */
    public static CaddyProcess start(int edgePort, int adminPort) {
        InstalledParts.require(unavailableReason());
        Path directory;
        try {
            directory = Files.createTempDirectory("caddy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CaddyProcess caddy = new CaddyProcess(directory, adminPort, edgePort);
        RegistryProcess.write(
                caddy.initialConfig(),
                "{\"admin\": {\"listen\": \"" + LOOPBACK + ":" + caddy.adminPort + "\"}}\n");
        caddy.run(false);
        return caddy;
    }

    /**
     * The admin API, e.g. {@code http://127.0.0.1:41234}: the value for {@code
     * mcpdeploy.edge.admin-url}.
     */
    public URI adminUrl() {
        return URI.create("http://" + LOOPBACK + ":" + adminPort);
    }

    /** The loopback port reserved for the edge server. */
    public int edgePort() {
        return edgePort;
    }

    /** {@code 127.0.0.1}: the address the edge server should bind. */
    public String edgeHost() {
        return LOOPBACK;
    }

    /** {@code 127.0.0.1:<edge port>}: the edge server's listen address. */
    public String edgeListen() {
        return LOOPBACK + ":" + edgePort;
    }

    /** Stops Caddy and starts it again in the same directory and on the same ports. */
    public void restart(Restart how) {
        RegistryProcess.stop(process);
        run(how == Restart.RESUME);
    }

    /** Stops Caddy as if it crashed or its machine went down; {@link #restart} brings it back. */
    public void stop() {
        RegistryProcess.stop(process);
    }

    private void run(boolean resume) {
        List<String> command =
                new ArrayList<>(
                        List.of(BINARY.toString(), "run", "--config", initialConfig().toString()));
        if (resume) {
            command.add("--resume");
        }
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("HOME", directory.toString());
        environment.put("XDG_DATA_HOME", directory.resolve("data").toString());
        environment.put("XDG_CONFIG_HOME", directory.resolve("config").toString());
        // The admin address comes from the config file; the environment must not move it.
        environment.remove("CADDY_ADMIN");
        try {
            process = builder.start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        awaitAdmin();
    }

    private void awaitAdmin() {
        HttpReadiness.await(
                "caddy",
                process,
                adminUrl().resolve("/config/"),
                START_TIMEOUT,
                log(),
                this::close);
    }

    private Path initialConfig() {
        return directory.resolve("caddy.json");
    }

    private Path log() {
        return directory.resolve("caddy.log");
    }

    @Override
    public void close() {
        if (process != null) {
            RegistryProcess.stop(process);
        }
        Directories.deleteQuietly(directory);
    }
}
