package ink.ml.deploy.platform.observability;

import ink.ml.deploy.observability.metrics.MetricsWindow;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import java.util.Objects;

/**
 * A service's resource use over a window, with its plan's limits to compare against.
 *
 * @param window the span and step that were read, with the defaults applied
 */
public record ServiceMetricsView(
        ResourceSeries series, ResourceLimits limits, MetricsWindow window) {
    public ServiceMetricsView {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(window, "window");
    }
}
