package ink.ml.deploy.observability.metrics;

import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;

/** A region whose Prometheus is not set: every read answers UNAVAILABLE, naming the setting. */
public final class UnconfiguredMetricsSource implements MetricsSource {
    private final String setting;

    public UnconfiguredMetricsSource(String setting) {
        this.setting = setting;
    }

    @Override
    public ResourceSeries read(ServiceRef service, MetricsWindow window) {
        throw new ObservabilityUnavailableException(
                "Prometheus", "this region's metrics are not configured (" + setting + ")");
    }
}
