package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.ResourcePlan;

/**
 * What the service's plan allows, in the units of its metrics, so a chart can draw the limit next
 * to the use.
 *
 * @param memoryBytes the memory limit, to compare with the working set
 * @param cpuCores the CPU limit in cores (500 millicores: 0.5)
 */
public record ResourceLimits(double memoryBytes, double cpuCores) {
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;
    private static final double MILLI = 1000.0;

    public static ResourceLimits of(ResourcePlan plan) {
        return new ResourceLimits(plan.memoryMi() * BYTES_PER_MIB, plan.milliCpu() / MILLI);
    }
}
