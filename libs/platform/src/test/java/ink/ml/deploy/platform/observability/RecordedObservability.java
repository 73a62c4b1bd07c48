package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityConfig;
import ink.ml.deploy.observability.ObservabilitySources;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.observability.logs.LogPage;
import ink.ml.deploy.observability.logs.LogQuery;
import ink.ml.deploy.observability.logs.LogTail;
import ink.ml.deploy.observability.logs.RuntimeLogSource;
import ink.ml.deploy.observability.metrics.MetricsSource;
import ink.ml.deploy.observability.metrics.MetricsWindow;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log and metrics sources of the tests: lines and series recorded per service, served as a
 * source serves them (the window, the search, the deployment and the newest {@code limit} lines),
 * every query remembered, and a service can be made to find its sources down. The real sources are
 * tested against real parts in libs/observability. A singleton, not a proxied bean, because the
 * class it stands in for has no constructor without arguments.
 */
@Alternative
@Priority(1)
@Singleton
public class RecordedObservability extends ObservabilitySources {
    private final Map<ServiceRef, List<LogLine>> lines = new ConcurrentHashMap<>();
    private final Map<ServiceRef, ResourceSeries> series = new ConcurrentHashMap<>();
    private final Map<ServiceRef, List<LogQuery>> logQueries = new ConcurrentHashMap<>();
    private final Map<ServiceRef, List<MetricsWindow>> windows = new ConcurrentHashMap<>();
    private final Set<ServiceRef> down = ConcurrentHashMap.newKeySet();
    private final List<Region> regionsAsked = new CopyOnWriteArrayList<>();

    public RecordedObservability(Clusters clusters, ObservabilityConfig config) {
        super(clusters, config);
    }

    public void record(ServiceRef service, LogLine line) {
        lines.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add(line);
    }

    public void record(ServiceRef service, ResourceSeries resources) {
        series.put(service, resources);
    }

    /** From now on, both of the service's sources answer as if Loki and Prometheus were down. */
    public void takeDown(ServiceRef service) {
        down.add(service);
    }

    public List<LogQuery> logQueries(ServiceRef service) {
        return List.copyOf(logQueries.getOrDefault(service, List.of()));
    }

    public List<MetricsWindow> windows(ServiceRef service) {
        return List.copyOf(windows.getOrDefault(service, List.of()));
    }

    public List<Region> regionsAsked() {
        return List.copyOf(regionsAsked);
    }

    @Override
    public RuntimeLogSource logs(Region region) {
        regionsAsked.add(region);
        return new RuntimeLogSource() {
            @Override
            public LogPage read(ServiceRef service, LogQuery query) {
                logQueries.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add(query);
                requireUp(service, "Loki");
                List<LogLine> matching =
                        lines.getOrDefault(service, List.of()).stream()
                                .filter(l -> !l.timestamp().isBefore(query.since()))
                                .filter(l -> l.timestamp().isBefore(query.until()))
                                .filter(l -> query.search().map(l.text()::contains).orElse(true))
                                .filter(
                                        l ->
                                                query.deployment().isEmpty()
                                                        || l.deployment()
                                                                .equals(query.deployment()))
                                .sorted(Comparator.comparing(LogLine::timestamp))
                                .toList();
                int from = Math.max(0, matching.size() - query.limit());
                return new LogPage(
                        new ArrayList<>(matching.subList(from, matching.size())), from > 0);
            }

            @Override
            public LogTail tail(
                    ServiceRef service, Optional<String> search, LogTail.Listener listener) {
                requireUp(service, "Loki");
                throw new UnsupportedOperationException("no tail in libs/platform's tests");
            }
        };
    }

    @Override
    public MetricsSource metrics(Region region) {
        regionsAsked.add(region);
        return (service, window) -> {
            windows.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add(window);
            requireUp(service, "Prometheus");
            return series.getOrDefault(
                    service,
                    new ResourceSeries(List.of(), List.of(), List.of(), List.of(), List.of()));
        };
    }

    private void requireUp(ServiceRef service, String dependency) {
        if (down.contains(service)) {
            throw new ObservabilityUnavailableException(dependency, "connection refused");
        }
    }
}
