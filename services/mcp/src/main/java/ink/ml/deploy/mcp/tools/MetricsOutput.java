package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A service's resource use summed up for a model: per series the latest, average and maximum with
 * their unit, and a few points to see the shape; the plan's limits to compare against.
 *
 * @param step the distance between the source's points, e.g. {@code 1m}
 * @param note what is worth knowing: thinned points, no data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsOutput(
        String serviceId,
        String from,
        String to,
        String step,
        Limits limits,
        List<Series> series,
        String note) {

    /** What the plan allows. */
    public record Limits(double memoryMiB, double vcpu) {}

    /**
     * One series.
     *
     * @param unit e.g. {@code MiB}, {@code cores}, {@code KiB/s}
     * @param latest the last point's value; absent when nothing ran in the window
     * @param percentOfLimitAtMax the maximum as a percentage of the plan's limit (memory, CPU)
     * @param points at most 30, evenly spread, the last one included
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(
            String name,
            String unit,
            Double latest,
            Double average,
            Double max,
            Double percentOfLimitAtMax,
            List<Point> points) {}

    /** One point: when and how much, in the series' unit. */
    public record Point(String at, double value) {}
}
