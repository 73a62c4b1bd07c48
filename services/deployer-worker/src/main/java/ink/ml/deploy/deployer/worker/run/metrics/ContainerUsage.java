package ink.ml.deploy.deployer.worker.run.metrics;

import java.util.List;
import java.util.Objects;

/**
 * What one running container uses, read from the host: the figures cAdvisor reports for a pod.
 *
 * @param memoryWorkingSetBytes memory the app holds that its kernel would not take back
 * @param cpuUsageSeconds CPU time used since the container (or its sandbox) started
 * @param network the counters of each interface of its network namespace, loopback left out
 */
public record ContainerUsage(
        long memoryWorkingSetBytes, double cpuUsageSeconds, List<InterfaceCounters> network) {
    public ContainerUsage {
        network = List.copyOf(network);
    }

    /** Bytes through one network interface since it was made. */
    public record InterfaceCounters(String name, long receiveBytes, long transmitBytes) {
        public InterfaceCounters {
            Objects.requireNonNull(name, "name");
        }
    }
}
