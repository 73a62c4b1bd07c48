package ink.ml.deploy.observability.metrics;

import java.util.List;

/**
 * What a service's pods (or containers) used over a {@link MetricsWindow}, summed over them, from
 * cAdvisor's pod-level series: the app's own figures, not its host's. A series is empty where
 * nothing ran.
 *
 * @param memoryWorkingSetBytes {@code container_memory_working_set_bytes}
 * @param cpuCores the rate of {@code container_cpu_usage_seconds_total}, in cores
 * @param networkReceiveBytesPerSecond the rate of {@code container_network_receive_bytes_total}
 * @param networkTransmitBytesPerSecond the rate of {@code container_network_transmit_bytes_total}
 * @param restarts the restarts counted in the window up to each point
 */
public record ResourceSeries(
        List<Sample> memoryWorkingSetBytes,
        List<Sample> cpuCores,
        List<Sample> networkReceiveBytesPerSecond,
        List<Sample> networkTransmitBytesPerSecond,
        List<Sample> restarts) {
    public ResourceSeries {
        memoryWorkingSetBytes = List.copyOf(memoryWorkingSetBytes);
        cpuCores = List.copyOf(cpuCores);
        networkReceiveBytesPerSecond = List.copyOf(networkReceiveBytesPerSecond);
        networkTransmitBytesPerSecond = List.copyOf(networkTransmitBytesPerSecond);
        restarts = List.copyOf(restarts);
    }
}
