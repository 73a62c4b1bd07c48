package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private Docker engine for running apps as the single-host execution target does: Debian's
 * {@code docker.io} with its default bridge networking (so each project gets a bridge network of
 * its own, with Docker's isolation between them) and gVisor's {@code runsc} registered as the
 * runtime {@code runsc}. Data, exec root, pid file and API socket live in a short temporary
 * directory. Close it to stop dockerd, its containerd and the container shims and sandboxes it
 * left, remove the bridges it made and delete its directory.
 *
 * <p>Where a package is missing or the tests do not run as root, {@link #startOrSkip} skips the
 * calling test with a message saying why; {@link #start} fails instead, and so does an engine that
 * is installed but does not start.
 */
public final class AppEngineProcess implements AutoCloseable {
    public static final Path RUNSC = Path.of("/usr/bin/runsc");

    /**
     * Where the engine takes its networks' subnets: away from Docker's usual 172.17-31 and 192.168
     * ranges and from {@link BuildNetwork}'s 10.213.0.0/16.
     */
    public static final String ADDRESS_POOL = "10.210.0.0/16";

    /** The default bridge's own subnet, outside {@link #ADDRESS_POOL}. */
    private static final String DEFAULT_BRIDGE = "10.211.0.1/24";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Path IP = Path.of("/usr/sbin/ip");

    private final Process process;
    private final Path directory;
    private final Path socket;
    private final Set<String> bridgesBefore;

    private AppEngineProcess(
            Process process, Path directory, Path socket, Set<String> bridgesBefore) {
        this.process = process;
        this.directory = directory;
        this.socket = socket;
        this.bridgesBefore = bridgesBefore;
    }

    /**
     * @param insecureRegistries {@code host:port} of plain-HTTP registries to pull from
     */
    public static AppEngineProcess startOrSkip(String... insecureRegistries) {
        RealParts.require(unavailableReason());
        return start(insecureRegistries);
    }

    /**
     * Why an app engine cannot run here (docker.io or runsc missing, or not root), or empty when it
     * can.
     */
    public static Optional<String> unavailableReason() {
        return unavailableReason(true);
    }

    /**
     * @param sandboxed whether runsc is required too; the local platform can run apps without it,
     *     saying so
     */
    public static Optional<String> unavailableReason(boolean sandboxed) {
        Optional<String> docker = DockerEngineProcess.unavailableReason();
        if (docker.isPresent()) {
            return docker;
        }
        if (sandboxed && !sandboxAvailable()) {
            return Optional.of(
                    "Debian's runsc (gVisor) is not installed ("
                            + RUNSC
                            + "): .ci/run installs it");
        }
        return Optional.empty();
    }

    /** Whether gVisor's runsc is installed. */
    public static boolean sandboxAvailable() {
        return Files.isExecutable(RUNSC);
    }

    /**
     * Starts the engine with runsc registered; fails when it cannot run here ({@link
     * #unavailableReason()}) or does not answer.
     *
     * @param insecureRegistries {@code host:port} of plain-HTTP registries to pull from
     */
    public static AppEngineProcess start(String... insecureRegistries) {
        return start(true, insecureRegistries);
    }

    /**
     * Starts the engine, with runsc registered when {@code sandboxed}; fails when it cannot run
     * here or does not answer.
     *
     * @param insecureRegistries {@code host:port} of plain-HTTP registries to pull from
     */
    public static AppEngineProcess start(boolean sandboxed, String... insecureRegistries) {
        InstalledParts.require(unavailableReason(sandboxed));
        Path directory;
        try {
            // Short path: the API socket's path must fit in 108 bytes, and so must the sockets
            // containerd and the shims make under the exec root.
            directory = Files.createTempDirectory(Path.of("/tmp"), "appd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path socket = directory.resolve("docker.sock");
        Path config = directory.resolve("daemon.json");
        Path log = directory.resolve("dockerd.log");
        RegistryProcess.write(config, daemonJson(directory, socket, sandboxed, insecureRegistries));
        Set<String> bridgesBefore = bridges();
        Process process;
        try {
            process =
                    new ProcessBuilder(
                                    DockerEngineProcess.DOCKERD.toString(),
                                    "--config-file",
                                    config.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + DockerEngineProcess.DOCKERD, e);
        }
        AppEngineProcess engine = new AppEngineProcess(process, directory, socket, bridgesBefore);
        PrivateDockerd.awaitReady(process, socket, log, START_TIMEOUT, engine::close);
        return engine;
    }

    /** {@code unix://…/docker.sock}: the value for {@code docker -H} and {@code DOCKER_HOST}. */
    public String host() {
        return "unix://" + socket;
    }

    /** A client command line against this engine: {@code /usr/bin/docker -H <host> args…}. */
    public List<String> command(String... args) {
        List<String> command =
                new ArrayList<>(List.of(DockerEngineProcess.CLIENT.toString(), "-H", host()));
        command.addAll(List.of(args));
        return command;
    }

    /** The engine's own directory (data, exec root, socket): deleted by {@link #close()}. */
    Path directory() {
        return directory;
    }

    static String daemonJson(
            Path directory, Path socket, boolean sandboxed, String... insecureRegistries) {
        // The http:// form: dockerd drops the scheme for itself, and its BuildKit reads it as
        // "plain HTTP".
        String registries =
                Stream.of(insecureRegistries)
                        .map(registry -> "\"http://" + registry + "\"")
                        .collect(Collectors.joining(", "));
        // runsc's own --network=host makes the sandbox use the namespace Docker made for the
        // container; ptrace is the platform that runs here; cgroups are Docker's to set.
        return String.join(
                "\n",
                "{",
                "  \"data-root\": \"" + directory.resolve("data") + "\",",
                "  \"exec-root\": \"" + directory.resolve("exec") + "\",",
                "  \"pidfile\": \"" + directory.resolve("docker.pid") + "\",",
                "  \"hosts\": [\"unix://" + socket + "\"],",
                "  \"bip\": \"" + DEFAULT_BRIDGE + "\",",
                "  \"default-address-pools\": [{\"base\": \""
                        + ADDRESS_POOL
                        + "\", \"size\": 24}],",
                "  \"insecure-registries\": [" + registries + "],",
                sandboxed
                        ? "  \"runtimes\": {\"runsc\": {\"path\": \""
                                + RUNSC
                                + "\", \"runtimeArgs\":"
                                + " [\"--platform=ptrace\", \"--ignore-cgroups\","
                                + " \"--network=host\"]}},"
                        : "  \"runtimes\": {},",
                "  \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 20000, \"Hard\": 20000}},",
                "  \"features\": {\"buildkit\": true}",
                "}",
                "");
    }

    /**
     * Stops dockerd, which stops its containers (no live restore) and its containerd; then kills
     * what outlived it (container shims and gVisor sandboxes detach from dockerd's process tree,
     * but their command lines name this engine's directory), unmounts leftovers, removes the
     * bridges it made and deletes the directory.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            removeContainersAndNetworks();
        }
        PrivateDockerd.stop(process, STOP_TIMEOUT);
        killLeftovers();
        PrivateDockerd.unmountUnder(directory);
        removeBridges();
        Directories.deleteQuietly(directory);
    }

    /**
     * Containers and networks removed through the engine take their firewall rules with them; left
     * to a stopped engine, each network's rules stay in the host's iptables for good.
     */
    private void removeContainersAndNetworks() {
        List<String> containers =
                execute(command("ps", "-aq").toArray(String[]::new))
                        .lines()
                        .map(String::trim)
                        .filter(id -> !id.isEmpty())
                        .toList();
        if (!containers.isEmpty()) {
            List<String> remove = new ArrayList<>(command("rm", "-f"));
            remove.addAll(containers);
            execute(remove.toArray(String[]::new));
        }
        execute(command("network", "prune", "-f").toArray(String[]::new));
    }

    private void killLeftovers() {
        String mark = directory.toString();
        List<ProcessHandle> leftovers =
                ProcessHandle.allProcesses()
                        .filter(
                                handle ->
                                        handle.info()
                                                .commandLine()
                                                .map(line -> line.contains(mark))
                                                .orElse(false))
                        .toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : leftovers) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Gone or stuck: the directory delete below is best effort either way.
            }
        }
    }

    /** Bridges this engine made (the default one and its networks'); they outlive dockerd. */
    private void removeBridges() {
        for (String bridge : bridges()) {
            if (!bridgesBefore.contains(bridge)) {
                execute(IP.toString(), "link", "delete", bridge);
            }
        }
    }

    private static Set<String> bridges() {
        if (!Files.isExecutable(IP)) {
            return Set.of();
        }
        String output = execute(IP.toString(), "-o", "link", "show", "type", "bridge");
        return output.lines()
                .map(line -> line.split(":", 3))
                .filter(fields -> fields.length > 2)
                .map(fields -> fields[1].trim().replaceAll("@.*", ""))
                .collect(Collectors.toSet());
    }

    private static String execute(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
