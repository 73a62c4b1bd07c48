package ink.ml.deploy.deployer.worker.run.metrics;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Picks how a container's figures are read by what runs it: a gVisor sandbox ({@link
 * GvisorSandboxUsage}) or an ordinary container with a cgroup of its own ({@link CgroupUsage}).
 */
public final class HostContainerUsage implements ContainerUsageReader {
    private final HostProcesses processes;
    private final GvisorSandboxUsage sandbox;
    private final CgroupUsage cgroup;

    HostContainerUsage(HostProcesses processes, Path cgroupRoot) {
        this.processes = processes;
        this.sandbox = new GvisorSandboxUsage(processes);
        this.cgroup = new CgroupUsage(processes, cgroupRoot);
    }

    /** Reads this machine's {@code /proc} and {@code /sys/fs/cgroup}. */
    public static HostContainerUsage host() {
        return new HostContainerUsage(HostProcesses.host(), Path.of("/sys/fs/cgroup"));
    }

    @Override
    public Optional<ContainerUsage> read(String containerId, long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return processes
                .commandLine(pid)
                .flatMap(
                        line ->
                                GvisorSandboxUsage.isSandbox(line)
                                        ? sandbox.read(containerId, pid)
                                        : cgroup.read(containerId, pid));
    }
}
