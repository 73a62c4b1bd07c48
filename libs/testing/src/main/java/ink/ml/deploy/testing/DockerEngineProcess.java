package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private Docker engine (Debian's {@code docker.io}, whose dockerd has BuildKit built in) for
 * tests that build images: data, exec root, pid file and API socket live in a temporary directory;
 * no iptables, no bridge (builds run with {@code --network=none}, or {@code --network=host}: the
 * engine's own namespace, which {@link #startIn} puts behind a build network's filter); the given
 * registries are trusted over plain HTTP. Close it to stop dockerd, and the containerd it started,
 * and delete its directory.
 *
 * <p>Use {@link #CLIENT}, the Debian package's client: a newer {@code docker} earlier on the PATH
 * delegates builds to a buildx plugin that is not installed. Where the package is missing or the
 * tests do not run as root, {@link #startOrSkip} skips the calling test with a message saying why
 * ({@link RealParts}: in CI it fails); an engine that is installed but does not start fails the
 * test.
 */
public final class DockerEngineProcess implements AutoCloseable {
    public static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    public static final Path CLIENT = Path.of("/usr/bin/docker");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path directory;
    private final Path socket;
    private final Optional<BuildNetwork> network;

    private DockerEngineProcess(
            Process process, Path directory, Path socket, Optional<BuildNetwork> network) {
        this.process = process;
        this.directory = directory;
        this.socket = socket;
        this.network = network;
    }

    /**
     * Starts the engine, or skips the calling test where it cannot run here (fails it in CI).
     *
     * @param insecureRegistries {@code host:port} of plain-HTTP registries to push to
     */
    public static DockerEngineProcess startOrSkip(String... insecureRegistries) {
        RealParts.require(unavailableReason());
        return start(insecureRegistries);
    }

    /**
     * Why a private engine cannot run here (Debian's docker.io missing, or not root), or empty when
     * it can.
     */
    public static Optional<String> unavailableReason() {
        if (!Files.isExecutable(DOCKERD) || !Files.isExecutable(CLIENT)) {
            return Optional.of(
                    "Debian's docker.io is not installed ("
                            + DOCKERD
                            + ", "
                            + CLIENT
                            + "): ./run-tests installs it");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of(
                    "dockerd needs root; this runs as " + System.getProperty("user.name"));
        }
        return Optional.empty();
    }

    /**
     * Starts the engine; fails when it cannot run here ({@link #unavailableReason()}) or does not
     * answer.
     *
     * @param insecureRegistries {@code host:port} of plain-HTTP registries to push to
     */
    public static DockerEngineProcess start(String... insecureRegistries) {
        return start(Optional.empty(), insecureRegistries);
    }

    /**
     * Starts the engine inside {@code network}, so that what it fetches for a build ({@code FROM},
     * {@code ADD <url>}) passes that network's egress filter; the caller keeps and closes the
     * network.
     *
     * @param insecureRegistries {@code host:port} of plain-HTTP registries to pull from and push
     *     to; {@link BuildNetwork#allow} their ports
     */
    public static DockerEngineProcess startIn(BuildNetwork network, String... insecureRegistries) {
        return start(Optional.of(network), insecureRegistries);
    }

    private static DockerEngineProcess start(
            Optional<BuildNetwork> network, String... insecureRegistries) {
        InstalledParts.require(unavailableReason());
        Path directory;
        try {
            // Short path: the API socket's path must fit in 108 bytes.
            directory = Files.createTempDirectory(Path.of("/tmp"), "dockerd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path socket = directory.resolve("docker.sock");
        Path config = directory.resolve("daemon.json");
        Path log = directory.resolve("dockerd.log");
        RegistryProcess.write(config, daemonJson(directory, socket, insecureRegistries));
        Process process;
        try {
            List<String> command = List.of(DOCKERD.toString(), "--config-file", config.toString());
            process =
                    new ProcessBuilder(network.map(n -> n.inside(command)).orElse(command))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + DOCKERD, e);
        }
        DockerEngineProcess engine = new DockerEngineProcess(process, directory, socket, network);
        PrivateDockerd.awaitReady(process, socket, log, START_TIMEOUT, engine::close);
        return engine;
    }

    /** {@code unix://…/docker.sock}: the value for {@code docker -H} and {@code DOCKER_HOST}. */
    public String host() {
        return "unix://" + socket;
    }

    /**
     * Where this machine reaches what a container listens on with {@code --network host}: the build
     * network's address when the engine runs in one, loopback otherwise.
     */
    public String containerHostAddress() {
        return network.map(BuildNetwork::networkAddress).orElse("127.0.0.1");
    }

    /** The engine's own directory (data, exec root, socket): deleted by {@link #close()}. */
    Path directory() {
        return directory;
    }

    /** A client command line against this engine: {@code /usr/bin/docker -H <host> args…}. */
    public List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(CLIENT.toString(), "-H", host()));
        command.addAll(List.of(args));
        return command;
    }

    private static String daemonJson(Path directory, Path socket, String[] insecureRegistries) {
        // The http:// form: dockerd drops the scheme for itself, and its BuildKit reads it as
        // "plain HTTP" (a bare host:port is TLS with no verification to BuildKit).
        String registries =
                Stream.of(insecureRegistries)
                        .map(registry -> "\"http://" + registry + "\"")
                        .collect(Collectors.joining(", "));
        return String.join(
                "\n",
                "{",
                "  \"data-root\": \"" + directory.resolve("data") + "\",",
                "  \"exec-root\": \"" + directory.resolve("exec") + "\",",
                "  \"pidfile\": \"" + directory.resolve("docker.pid") + "\",",
                "  \"hosts\": [\"unix://" + socket + "\"],",
                "  \"iptables\": false,",
                "  \"ip-masq\": false,",
                "  \"bridge\": \"none\",",
                "  \"insecure-registries\": [" + registries + "],",
                "  \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 20000, \"Hard\": 20000}},",
                "  \"features\": {\"buildkit\": true}",
                "}",
                "");
    }

    /** Stops dockerd (it stops its containerd), then anything of its tree still alive. */
    @Override
    public void close() {
        PrivateDockerd.stop(process, STOP_TIMEOUT);
        PrivateDockerd.unmountUnder(directory);
        Directories.deleteQuietly(directory);
    }
}
