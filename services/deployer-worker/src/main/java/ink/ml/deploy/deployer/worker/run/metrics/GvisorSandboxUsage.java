package ink.ml.deploy.deployer.worker.run.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The figures of an app under gVisor ({@code runsc}), from the sandbox itself, because the engine's
 * are the host's: the app engine runs runsc with {@code --ignore-cgroups}, so the container has no
 * cgroup of its own and Docker's stats (and runsc's CPU figure, which it takes from the cgroup the
 * sandbox sits in) report the whole machine.
 *
 * <ul>
 *   <li><b>Memory:</b> {@code runsc --root <root> events --stats <id>}, whose {@code
 *       memory.usage.usage} is the sentry's own accounting of the sandbox's memory (the app's
 *       anonymous memory, its page cache and tmpfs files, the sandbox kernel's): what the app
 *       holds, as a pod cgroup around the sandbox would count it. The {@code --root} is the one the
 *       engine's shim passed to the sandbox, read from the sandbox's command line, and the binary
 *       the sandbox runs from is the one asked.
 *   <li><b>CPU:</b> the host CPU time of the sandbox process and the gofer with all their
 *       descendants (the ptrace platform runs the app's threads in stub processes below the
 *       sandbox), reaped children included: the time a pod cgroup would charge, sentry included, as
 *       on a cluster, where cAdvisor's pod-level series hold the whole sandbox.
 *   <li><b>Network:</b> the interface counters of the sandbox's network namespace ({@code
 *       /proc/<sandbox pid>/net/dev}): runsc's {@code --network=host} uses the namespace Docker
 *       made for the container, so they count the app's traffic only.
 * </ul>
 *
 * Reading needs root on the engine's host (the runsc root directory is root's).
 */
final class GvisorSandboxUsage implements ContainerUsageReader {
    private static final Logger LOG = Logger.getLogger(GvisorSandboxUsage.class);

    /** The sandbox's first argument (runsc names its processes after their role). */
    static final String SANDBOX = "runsc-sandbox";

    static final String GOFER = "runsc-gofer";
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(5);
    private static final Path DEFAULT_RUNSC = Path.of("/usr/bin/runsc");

    private final HostProcesses processes;
    private final ObjectMapper json = new ObjectMapper();

    GvisorSandboxUsage(HostProcesses processes) {
        this.processes = processes;
    }

    /** Whether {@code commandLine} is a gVisor sandbox's. */
    static boolean isSandbox(List<String> commandLine) {
        return !commandLine.isEmpty() && commandLine.get(0).equals(SANDBOX);
    }

    @Override
    public Optional<ContainerUsage> read(String containerId, long pid) {
        Optional<List<String>> commandLine = processes.commandLine(pid);
        Optional<String> root = commandLine.flatMap(GvisorSandboxUsage::root);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Path runsc =
                processes.executable(pid).filter(path -> path.isAbsolute()).orElse(DEFAULT_RUNSC);
        Optional<Long> memory = memory(runsc, root.get(), containerId);
        if (memory.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<Long>> children = processes.children();
        List<Long> roots = new ArrayList<>(List.of(pid));
        processes
                .stat(pid)
                .map(HostProcesses.Stat::parent)
                .map(parent -> children.getOrDefault(parent, List.of()))
                .orElse(List.of())
                .stream()
                .filter(sibling -> isGoferOf(sibling, containerId))
                .forEach(roots::add);
        return Optional.of(
                new ContainerUsage(
                        memory.get(),
                        processes.cpuSeconds(roots, children),
                        processes.network(pid)));
    }

    private boolean isGoferOf(long pid, String containerId) {
        return processes
                .commandLine(pid)
                .filter(line -> !line.isEmpty() && line.get(0).equals(GOFER))
                .filter(line -> line.stream().anyMatch(argument -> argument.contains(containerId)))
                .isPresent();
    }

    /** The value of {@code --root=…} (or {@code --root …}) among runsc's global flags. */
    static Optional<String> root(List<String> commandLine) {
        for (int i = 0; i < commandLine.size(); i++) {
            String argument = commandLine.get(i);
            if (argument.startsWith("--root=")) {
                return Optional.of(argument.substring("--root=".length()));
            }
            if (argument.equals("--root") && i + 1 < commandLine.size()) {
                return Optional.of(commandLine.get(i + 1));
            }
        }
        return Optional.empty();
    }

    private Optional<Long> memory(Path runsc, String root, String containerId) {
        List<String> command =
                List.of(runsc.toString(), "--root=" + root, "events", "--stats", containerId);
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // One line of JSON, far below a pipe's buffer: runsc never blocks writing it, so
            // waiting first keeps the timeout whatever runsc does.
            if (!process.waitFor(EVENTS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.debugf("runsc events for %s timed out", containerId);
                return Optional.empty();
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (process.exitValue() != 0) {
                LOG.debugf(
                        "runsc events for %s exited %d: %s",
                        containerId,
                        process.exitValue(),
                        new String(
                                process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                return Optional.empty();
            }
            return memoryUsage(json.readTree(output));
        } catch (IOException e) {
            LOG.debugf("cannot run runsc events for %s: %s", containerId, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code {"type":"stats","data":{"memory":{"usage":{"usage":N}}, …}}}. */
    static Optional<Long> memoryUsage(JsonNode event) {
        JsonNode usage =
                event == null ? null : event.path("data").path("memory").path("usage").get("usage");
        return usage != null && usage.canConvertToLong()
                ? Optional.of(usage.asLong())
                : Optional.empty();
    }
}
