package ink.ml.deploy.observability.metrics;

/** PLACEHOLDER: replaced by the helper that builds it. */
public final class PrometheusMetricsSource implements MetricsSource {
    public PrometheusMetricsSource(java.net.URI baseUrl, java.time.Duration timeout) {}

    @Override
    public ResourceSeries read(ink.ml.deploy.domain.ServiceRef service, MetricsWindow window) {
        throw new UnsupportedOperationException("PLACEHOLDER: the metrics helper writes this");
    }
}
