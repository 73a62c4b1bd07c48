package ink.ml.deploy.deployer.worker.run.metrics;

import ink.ml.deploy.deployer.worker.run.metrics.ContainerUsage.InterfaceCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's {@code /proc}, read as the exporter needs it: a process's command line, its CPU time
 * with its descendants', and the interface counters of its network namespace. The worker must see
 * the engine's processes, i.e. run in the host's pid namespace (as it does on a one-machine
 * install).
 */
final class HostProcesses {
    /**
     * The kernel reports CPU times in clock ticks of {@code USER_HZ}, which the ABI fixes at 100 on
     * every architecture Linux runs containers on.
     */
    static final double TICKS_PER_SECOND = 100;

    private final Path proc;

    HostProcesses(Path proc) {
        this.proc = proc;
    }

    static HostProcesses host() {
        return new HostProcesses(Path.of("/proc"));
    }

    Path proc() {
        return proc;
    }

    /** The process's arguments, or empty when it is gone. */
    Optional<List<String>> commandLine(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(proc.resolve(pid + "/cmdline"));
            if (bytes.length == 0) {
                return Optional.empty();
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return Optional.of(List.of(text.split("\0")));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** The process's executable, or empty when it is gone or unreadable. */
    Optional<Path> executable(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(pid + "/exe")));
        } catch (IOException | UnsupportedOperationException gone) {
            return Optional.empty();
        }
    }

    /** Every process's parent: one look at the whole table. */
    Map<Long, List<Long>> children() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(
                            name -> {
                                long pid = Long.parseLong(name);
                                stat(pid)
                                        .ifPresent(
                                                stat ->
                                                        children.computeIfAbsent(
                                                                        stat.parent(),
                                                                        parent -> new ArrayList<>())
                                                                .add(pid));
                            });
        } catch (IOException e) {
            return Map.of();
        }
        return children;
    }

    /**
     * CPU seconds (user and system, all threads) of {@code roots} and all their descendants,
     * including the children they already reaped: the time a cgroup around them would count.
     */
    double cpuSeconds(List<Long> roots, Map<Long, List<Long>> children) {
        long ticks = 0;
        List<Long> pending = new ArrayList<>(roots);
        while (!pending.isEmpty()) {
            long pid = pending.remove(pending.size() - 1);
            Optional<Stat> stat = stat(pid);
            if (stat.isPresent()) {
                ticks += stat.get().ticks();
                pending.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The interface counters of the process's network namespace, loopback left out. */
    List<InterfaceCounters> network(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve(pid + "/net/dev"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return List.of();
        }
        return netDev(lines);
    }

    /**
     * {@code /proc/net/dev}: two header lines, then {@code name: rx_bytes rx_packets … (8 receive
     * fields) tx_bytes …}.
     */
    static List<InterfaceCounters> netDev(List<String> lines) {
        List<InterfaceCounters> counters = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (name.equals("lo") || fields.length < 9) {
                continue;
            }
            try {
                counters.add(
                        new InterfaceCounters(
                                name, Long.parseLong(fields[0]), Long.parseLong(fields[8])));
            } catch (NumberFormatException e) {
                // Not a counters line.
            }
        }
        return counters;
    }

    /** The fields of {@code /proc/<pid>/stat} this class reads. */
    record Stat(long parent, long ticks) {}

    Optional<Stat> stat(long pid) {
        String text;
        try {
            text = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return Optional.empty();
        }
        return parseStat(text);
    }

    /**
     * After the command name (in parentheses, and it may hold spaces and parentheses): state, ppid,
     * …, then utime, stime, cutime, cstime as the 12th to 15th fields.
     */
    static Optional<Stat> parseStat(String text) {
        int end = text.lastIndexOf(')');
        if (end < 0 || end + 2 > text.length()) {
            return Optional.empty();
        }
        String[] fields = text.substring(end + 2).trim().split("\\s+");
        if (fields.length < 15) {
            return Optional.empty();
        }
        try {
            long ticks = 0;
            for (int field = 11; field <= 14; field++) {
                ticks += Long.parseLong(fields[field]);
            }
            return Optional.of(new Stat(Long.parseLong(fields[1]), ticks));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
