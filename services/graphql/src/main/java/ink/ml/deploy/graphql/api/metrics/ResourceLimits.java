package ink.ml.deploy.graphql.api.metrics;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("What the service's plan allows, in the units of its series.")
public record ResourceLimits(
        @NonNull @Description("The memory limit in bytes.") double memoryBytes,
        @NonNull @Description("The CPU limit in cores (0.5 for 500 millicores).") double cpuCores) {
    static ResourceLimits of(ink.ml.deploy.platform.observability.ResourceLimits limits) {
        return new ResourceLimits(limits.memoryBytes(), limits.cpuCores());
    }
}
