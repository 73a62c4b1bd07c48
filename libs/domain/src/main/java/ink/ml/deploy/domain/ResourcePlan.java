package ink.ml.deploy.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The memory and CPU a service may use, from fixed choices (like a hosting plan), so capacity
 * planning per run node stays predictable and a typo cannot ask for 40 cores.
 */
public record ResourcePlan(int memoryMi, int milliCpu) {
    public static final List<Integer> MEMORY_CHOICES_MI = List.of(256, 512, 1024, 2048, 4096);
    public static final List<Integer> CPU_CHOICES_MILLI = List.of(500, 1000, 2000, 4000);

    /** What a new service gets when it asks for nothing. */
    public static final ResourcePlan DEFAULT = new ResourcePlan(512, 500);

    /** The smallest CPU request the scheduler reserves, whatever the limit. */
    private static final int MIN_CPU_REQUEST_MILLI = 50;

    public ResourcePlan {
        if (!MEMORY_CHOICES_MI.contains(memoryMi)) {
            throw new InvalidValueException(
                    "memory",
                    "must be one of "
                            + join(MEMORY_CHOICES_MI, "Mi")
                            + " (got "
                            + memoryMi
                            + "Mi)");
        }
        if (!CPU_CHOICES_MILLI.contains(milliCpu)) {
            throw new InvalidValueException(
                    "vcpu",
                    "must be one of "
                            + CPU_CHOICES_MILLI.stream()
                                    .map(m -> Vcpu.ofMilli(m).toString())
                                    .collect(Collectors.joining(", "))
                            + " vCPU");
        }
    }

    /** Kubernetes quantity of the memory limit, e.g. {@code 512Mi}. */
    public String memoryQuantity() {
        return memoryMi + "Mi";
    }

    /**
     * Memory request equals the limit: memory cannot be reclaimed from a running process without
     * killing it, so overcommitting it turns neighbours' bursts into OOM kills.
     */
    public String memoryRequestQuantity() {
        return memoryQuantity();
    }

    /** Kubernetes quantity of the CPU limit, e.g. {@code 500m}. */
    public String cpuLimitQuantity() {
        return milliCpu + "m";
    }

    /**
     * CPU request is a quarter of the limit: CPU is compressible, idle web services use little of
     * it, and the limit still caps a busy one.
     */
    public String cpuRequestQuantity() {
        return Math.max(MIN_CPU_REQUEST_MILLI, milliCpu / 4) + "m";
    }

    private static String join(List<Integer> values, String unit) {
        return values.stream().map(v -> v + unit).collect(Collectors.joining(", "));
    }
}
