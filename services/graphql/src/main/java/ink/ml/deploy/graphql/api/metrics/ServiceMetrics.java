package ink.ml.deploy.graphql.api.metrics;

import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.platform.observability.MetricsDuration;
import ink.ml.deploy.platform.observability.ServiceMetricsView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description(
        "What a service's app used over a window, summed over its containers (its own figures, not"
                + " its host's), with its plan's limits. A series is empty where nothing ran.")
public record ServiceMetrics(
        @NonNull @Description("The window's start.") Instant start,
        @NonNull @Description("The window's end: when it was read.") Instant end,
        @NonNull @Description("The distance between points, e.g. 1m.") String step,
        @NonNull @Description("Memory working set, in bytes.")
                List<@NonNull MetricPoint> memoryWorkingSetBytes,
        @NonNull @Description("CPU use, in cores.") List<@NonNull MetricPoint> cpuCores,
        @NonNull @Description("Bytes received per second.")
                List<@NonNull MetricPoint> networkReceiveBytesPerSecond,
        @NonNull @Description("Bytes sent per second.")
                List<@NonNull MetricPoint> networkTransmitBytesPerSecond,
        @NonNull @Description("Restarts counted in the window up to each point.")
                List<@NonNull MetricPoint> restarts,
        @NonNull ResourceLimits limits) {

    static ServiceMetrics of(ServiceMetricsView view) {
        ResourceSeries series = view.series();
        return new ServiceMetrics(
                view.window().start(),
                view.window().end(),
                MetricsDuration.format(view.window().step()),
                MetricPoint.of(series.memoryWorkingSetBytes()),
                MetricPoint.of(series.cpuCores()),
                MetricPoint.of(series.networkReceiveBytesPerSecond()),
                MetricPoint.of(series.networkTransmitBytesPerSecond()),
                MetricPoint.of(series.restarts()),
                ResourceLimits.of(view.limits()));
    }
}
