package ink.ml.deploy.platform.observability;

import ink.ml.deploy.observability.ObservabilitySources;
import ink.ml.deploy.observability.metrics.MetricsWindow;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.platform.common.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the caller's service used (memory, CPU, network, restarts) over a window, with its plan's
 * limits, as GraphQL and MCP ask for it. The caller's own services only: anyone else's is "not
 * found". A metrics source that cannot answer throws {@link
 * ink.ml.deploy.observability.ObservabilityUnavailableException}.
 */
@ApplicationScoped
public class ServiceMetrics {
    /** The span read when the request gives none. */
    public static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    /** The points of a series when the request gives no step: one every range / 60. */
    public static final int DEFAULT_POINTS = 60;

    private final ObservedServices observed;
    private final ObservabilitySources sources;

    ServiceMetrics(ObservedServices observed, ObservabilitySources sources) {
        this.observed = observed;
        this.sources = sources;
    }

    /**
     * @param range how far back from now, as {@link MetricsDuration} ({@code 1h} when absent)
     * @param step the distance between points ({@code range / 60} when absent)
     */
    public ServiceMetricsView read(
            Caller caller, String serviceId, Optional<String> range, Optional<String> step) {
        ObservedService service = observed.of(caller, serviceId);
        Duration span =
                range.map(text -> MetricsDuration.parse("range", text)).orElse(DEFAULT_RANGE);
        Duration every =
                step.map(text -> MetricsDuration.parse("step", text))
                        .orElseGet(() -> defaultStep(span));
        MetricsWindow window = new MetricsWindow(Instant.now(), span, every);
        ResourceSeries series = sources.metrics(service.region()).read(service.ref(), window);
        return new ServiceMetricsView(series, ResourceLimits.of(service.plan()), window);
    }

    /** range / 60 in whole seconds, at least {@link MetricsWindow#MIN_STEP}. */
    static Duration defaultStep(Duration range) {
        Duration step = Duration.ofSeconds(range.dividedBy(DEFAULT_POINTS).toSeconds());
        return step.compareTo(MetricsWindow.MIN_STEP) < 0 ? MetricsWindow.MIN_STEP : step;
    }
}
