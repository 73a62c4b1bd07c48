package ink.ml.deploy.observability.metrics;

import ink.ml.deploy.domain.ServiceRef;

/**
 * Where a region's resource figures are read: Prometheus, with cAdvisor's series ({@code
 * job="kubelet", container=""}) selected by the service's namespace and pods. Both execution
 * targets export those series, so one query path serves both. A source that cannot answer throws
 * {@link ink.ml.deploy.observability.ObservabilityUnavailableException}.
 */
public interface MetricsSource {
    ResourceSeries read(ServiceRef service, MetricsWindow window);
}
