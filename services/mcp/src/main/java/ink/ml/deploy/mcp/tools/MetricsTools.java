package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.observability.metrics.Sample;
import ink.ml.deploy.platform.observability.MetricsDuration;
import ink.ml.deploy.platform.observability.ResourceLimits;
import ink.ml.deploy.platform.observability.ServiceMetrics;
import ink.ml.deploy.platform.observability.ServiceMetricsView;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Metrics: what a service's app used, against its plan. */
@ToolErrors
public class MetricsTools {
    /** The points a series shows at most: the shape, not the data. */
    static final int MAX_POINTS = 30;

    private static final double MIB = 1024.0 * 1024.0;
    private static final double KIB = 1024.0;

    private final CurrentCaller caller;
    private final ServiceMetrics metrics;

    MetricsTools(CurrentCaller caller, ServiceMetrics metrics) {
        this.caller = caller;
        this.metrics = metrics;
    }

    @Tool(
            name = "get_metrics",
            title = "Get metrics",
            description =
                    "Shows what a service's app used over the last range: memory (MiB), CPU"
                            + " (cores), network in and out (KiB/s) and restarts, each with latest,"
                            + " average and max, and the plan's memory and vCPU limits. Use it to"
                            + " size the plan (update_service memoryMi/vcpu), or when the app is"
                            + " slow, restarts or was killed for memory. These are the app's own"
                            + " figures, not its host's.",
            annotations =
                    @Tool.Annotations(
                            title = "Get metrics",
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            structuredContent = true)
    MetricsOutput getMetrics(
            @ToolArg(name = "serviceId", description = "The service's id (list_services).")
                    String serviceId,
            @ToolArg(
                            name = "range",
                            description =
                                    "How far back: a whole number and a unit, `30s`, `15m`,"
                                            + " `1h` or `7d`; at most 30d.",
                            defaultValue = "1h")
                    String range,
            @ToolArg(
                            name = "step",
                            description =
                                    "The distance between points, in the same form; range / 60"
                                            + " when omitted.",
                            required = false)
                    String step) {
        ServiceMetricsView view =
                metrics.read(
                        caller.get(),
                        serviceId,
                        Optional.ofNullable(range),
                        Optional.ofNullable(step));
        ResourceSeries series = view.series();
        ResourceLimits limits = view.limits();
        List<MetricsOutput.Series> summaries =
                List.of(
                        summary(
                                "memory",
                                "MiB",
                                series.memoryWorkingSetBytes(),
                                MIB,
                                limits.memoryBytes()),
                        summary("cpu", "cores", series.cpuCores(), 1, limits.cpuCores()),
                        summary(
                                "networkIn",
                                "KiB/s",
                                series.networkReceiveBytesPerSecond(),
                                KIB,
                                0),
                        summary(
                                "networkOut",
                                "KiB/s",
                                series.networkTransmitBytesPerSecond(),
                                KIB,
                                0),
                        summary("restarts", "count", series.restarts(), 1, 0));
        boolean thinned =
                List.of(
                                series.memoryWorkingSetBytes(),
                                series.cpuCores(),
                                series.networkReceiveBytesPerSecond(),
                                series.networkTransmitBytesPerSecond(),
                                series.restarts())
                        .stream()
                        .anyMatch(samples -> samples.size() > MAX_POINTS);
        boolean empty = summaries.stream().allMatch(s -> s.latest() == null);
        String note =
                empty
                        ? "No data in the window: the service ran no container then (not deployed,"
                                + " or deployed after the window), or its metrics are not scraped"
                                + " yet."
                        : thinned
                                ? "Points are thinned to at most "
                                        + MAX_POINTS
                                        + " per series; latest, average and max use all of them."
                                : null;
        return new MetricsOutput(
                serviceId,
                view.window().start().toString(),
                view.window().end().toString(),
                MetricsDuration.format(view.window().step()),
                new MetricsOutput.Limits(
                        round(limits.memoryBytes() / MIB), round(limits.cpuCores())),
                summaries,
                note);
    }

    private static MetricsOutput.Series summary(
            String name, String unit, List<Sample> all, double divisor, double limit) {
        // A rate over a gap can be NaN; it is no figure a model can use, nor valid JSON.
        List<Sample> samples = all.stream().filter(s -> Double.isFinite(s.value())).toList();
        if (samples.isEmpty()) {
            return new MetricsOutput.Series(name, unit, null, null, null, null, List.of());
        }
        double max = samples.stream().mapToDouble(Sample::value).max().orElseThrow();
        double average = samples.stream().mapToDouble(Sample::value).average().orElseThrow();
        double latest = samples.get(samples.size() - 1).value();
        return new MetricsOutput.Series(
                name,
                unit,
                round(latest / divisor),
                round(average / divisor),
                round(max / divisor),
                limit > 0 ? round(100 * max / limit) : null,
                thinned(samples).stream()
                        .map(
                                s ->
                                        new MetricsOutput.Point(
                                                s.at().toString(), round(s.value() / divisor)))
                        .toList());
    }

    /** At most {@link #MAX_POINTS}, evenly spread, always ending with the last one. */
    private static List<Sample> thinned(List<Sample> samples) {
        if (samples.size() <= MAX_POINTS) {
            return samples;
        }
        List<Sample> kept = new ArrayList<>(MAX_POINTS);
        for (int i = 0; i < MAX_POINTS; i++) {
            int index = (int) ((long) (i + 1) * samples.size() / MAX_POINTS) - 1;
            kept.add(samples.get(index));
        }
        return kept;
    }

    /** Four significant digits: enough to compare, short to read. */
    private static double round(double value) {
        return new BigDecimal(value).round(new MathContext(4)).doubleValue();
    }
}
