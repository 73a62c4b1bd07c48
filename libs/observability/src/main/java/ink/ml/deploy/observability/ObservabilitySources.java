package ink.ml.deploy.observability;

import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.observability.logs.DockerEngineLogSource;
import ink.ml.deploy.observability.logs.LokiLogSource;
import ink.ml.deploy.observability.logs.RuntimeLogSource;
import ink.ml.deploy.observability.logs.UnconfiguredLogSource;
import ink.ml.deploy.observability.metrics.MetricsSource;
import ink.ml.deploy.observability.metrics.PrometheusMetricsSource;
import ink.ml.deploy.observability.metrics.UnconfiguredMetricsSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log and metrics source of each region, chosen by its cluster's execution target: the product
 * plane never knows which one a region uses. Sources are made on first use and kept, so a region
 * whose Loki is down costs nothing until someone reads its logs.
 */
@ApplicationScoped
public class ObservabilitySources {
    private final Clusters clusters;
    private final ObservabilityConfig config;
    private final Map<Region, RuntimeLogSource> logs = new ConcurrentHashMap<>();
    private final Map<Region, MetricsSource> metrics = new ConcurrentHashMap<>();

    @Inject
    public ObservabilitySources(Clusters clusters, ObservabilityConfig config) {
        this.clusters = clusters;
        this.config = config;
    }

    /** The runtime logs of the region's apps. */
    public RuntimeLogSource logs(Region region) {
        return logs.computeIfAbsent(region, this::logSource);
    }

    /** The resource figures of the region's apps. */
    public MetricsSource metrics(Region region) {
        return metrics.computeIfAbsent(region, this::metricsSource);
    }

    private RuntimeLogSource logSource(Region region) {
        Cluster cluster = clusters.of(region);
        Optional<ObservabilityConfig.RegionSources> sources = sources(region);
        String key = ObservabilityConfig.PREFIX + ".regions." + region.id();
        return switch (cluster.executionTarget()) {
            case KUBERNETES ->
                    sources.flatMap(ObservabilityConfig.RegionSources::lokiUrl)
                            .<RuntimeLogSource>map(url -> new LokiLogSource(url, config.timeout()))
                            .orElseGet(() -> new UnconfiguredLogSource("Loki", key + ".loki-url"));
            case DOCKER ->
                    sources.flatMap(ObservabilityConfig.RegionSources::dockerHost)
                            .<RuntimeLogSource>map(
                                    host -> new DockerEngineLogSource(host, config.timeout()))
                            .orElseGet(
                                    () ->
                                            new UnconfiguredLogSource(
                                                    "the Docker engine", key + ".docker-host"));
        };
    }

    private MetricsSource metricsSource(Region region) {
        String key = ObservabilityConfig.PREFIX + ".regions." + region.id();
        return sources(region)
                .flatMap(
                        sources ->
                                sources.prometheusUrl()
                                        .<MetricsSource>map(
                                                url ->
                                                        new PrometheusMetricsSource(
                                                                url,
                                                                config.timeout(),
                                                                sources
                                                                        .prometheusScrapeInterval())))
                .orElseGet(() -> new UnconfiguredMetricsSource(key + ".prometheus-url"));
    }

    private Optional<ObservabilityConfig.RegionSources> sources(Region region) {
        return Optional.ofNullable(config.regions().get(region.id()));
    }
}
