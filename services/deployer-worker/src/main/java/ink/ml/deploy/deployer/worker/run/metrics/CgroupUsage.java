package ink.ml.deploy.deployer.worker.run.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of a container under an ordinary runtime (runc: a machine without gVisor, run with
 * {@code allow-unsandboxed}), from the container's own cgroup, read as cAdvisor reads it: memory
 * working set = usage − inactive file pages; CPU = the cgroup's CPU time; network = its network
 * namespace's interface counters. cgroup v1 ({@code memory}, {@code cpuacct} hierarchies) and v2
 * (one unified hierarchy) both.
 */
final class CgroupUsage implements ContainerUsageReader {
    private final HostProcesses processes;
    private final Path cgroupRoot;

    CgroupUsage(HostProcesses processes, Path cgroupRoot) {
        this.processes = processes;
        this.cgroupRoot = cgroupRoot;
    }

    @Override
    public Optional<ContainerUsage> read(String containerId, long pid) {
        Map<String, String> paths = cgroups(pid);
        Optional<Long> memory;
        Optional<Double> cpu;
        if (paths.containsKey("memory")) {
            Path memoryDir = hierarchy("memory", paths);
            memory =
                    number(memoryDir.resolve("memory.usage_in_bytes"))
                            .map(
                                    usage ->
                                            usage
                                                    - stat(
                                                            memoryDir.resolve("memory.stat"),
                                                            "total_inactive_file"));
            cpu =
                    number(hierarchy("cpuacct", paths).resolve("cpuacct.usage"))
                            .map(nanos -> nanos / 1e9);
        } else if (paths.containsKey("")) {
            Path unified = cgroupRoot.resolve(relative(paths.get("")));
            memory =
                    number(unified.resolve("memory.current"))
                            .map(
                                    usage ->
                                            usage
                                                    - stat(
                                                            unified.resolve("memory.stat"),
                                                            "inactive_file"));
            cpu = Optional.of(stat(unified.resolve("cpu.stat"), "usage_usec") / 1e6);
        } else {
            return Optional.empty();
        }
        if (memory.isEmpty() || cpu.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ContainerUsage(Math.max(0, memory.get()), cpu.get(), processes.network(pid)));
    }

    /** Controller (or {@code ""} for v2's unified hierarchy) to the process's cgroup path. */
    private Map<String, String> cgroups(long pid) {
        Map<String, String> paths = new HashMap<>();
        List<String> lines;
        try {
            lines =
                    Files.readAllLines(
                            processes.proc().resolve(pid + "/cgroup"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return paths;
        }
        for (String line : lines) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            if (fields[1].isEmpty()) {
                paths.put("", fields[2]);
            } else {
                for (String controller : fields[1].split(",")) {
                    // The directory carries the hierarchy's joined name, e.g. "cpu,cpuacct".
                    paths.put(controller, fields[1] + ":" + fields[2]);
                }
            }
        }
        return paths;
    }

    /** The directory of the process's cgroup in the v1 hierarchy of {@code controller}. */
    private Path hierarchy(String controller, Map<String, String> paths) {
        String entry = paths.getOrDefault(controller, controller + ":/");
        int colon = entry.indexOf(':');
        return cgroupRoot
                .resolve(entry.substring(0, colon))
                .resolve(relative(entry.substring(colon + 1)));
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static Optional<Long> number(Path file) {
        try {
            return Optional.of(
                    Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A {@code key value} line of a cgroup stat file, 0 when absent. */
    private static long stat(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2 && fields[0].equals(key)) {
                    return Long.parseLong(fields[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
