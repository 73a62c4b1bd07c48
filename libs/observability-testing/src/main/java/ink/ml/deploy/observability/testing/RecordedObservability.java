package ink.ml.deploy.observability.testing;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log and metrics sources of the API tests (libs/platform, graphql, mcp), in place of {@link
 * ObservabilitySources}: lines and series recorded per service and served as a source serves them
 * (window, search, deployment, the newest {@code limit}), live tails that hear what a test writes,
 * every query and region asked remembered, and services whose sources are down. The real sources
 * are tested against real parts in libs/observability. A singleton, not a proxied bean, because the
 * class it stands in for has no constructor without arguments.
 */
@Alternative
@Priority(1)
@Singleton
public class RecordedObservability extends ObservabilitySources {
    private final Map<ServiceRef, List<LogLine>> lines = new ConcurrentHashMap<>();
    private final Map<ServiceRef, ResourceSeries> series = new ConcurrentHashMap<>();
    private final Map<ServiceRef, List<Tail>> tails = new ConcurrentHashMap<>();
    private final Set<ServiceRef> down = ConcurrentHashMap.newKeySet();
    private final Map<ServiceRef, List<LogQuery>> logQueries = new ConcurrentHashMap<>();
    private final Map<ServiceRef, List<MetricsWindow>> windows = new ConcurrentHashMap<>();
    private final List<Region> regionsAsked = new CopyOnWriteArrayList<>();

    public RecordedObservability(Clusters clusters, ObservabilityConfig config) {
        super(clusters, config);
    }

    /** Stores a line for reads and hands it to the service's open tails that search for it. */
    public void write(ServiceRef service, LogLine line) {
        lines.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add(line);
        tails.getOrDefault(service, List.of()).stream()
                .filter(tail -> tail.search.map(line.text()::contains).orElse(true))
                .forEach(tail -> tail.listener.onLine(line));
    }

    public void record(ServiceRef service, ResourceSeries resources) {
        series.put(service, resources);
    }

    /** From now on, the service's sources answer as if Loki and Prometheus were down. */
    public void takeDown(ServiceRef service) {
        down.add(service);
    }

    /** How many tails of the service are open. */
    public int openTails(ServiceRef service) {
        return tails.getOrDefault(service, List.of()).size();
    }

    /** Ends the service's open tails as a failing source would. */
    public void failTails(ServiceRef service, String problem) {
        tails.getOrDefault(service, List.of())
                .forEach(
                        tail ->
                                tail.listener.onError(
                                        new ObservabilityUnavailableException("Loki", problem)));
    }

    /** The queries the service's log source was asked, in order. */
    public List<LogQuery> logQueries(ServiceRef service) {
        return List.copyOf(logQueries.getOrDefault(service, List.of()));
    }

    /** The windows the service's metrics source was asked, in order. */
    public List<MetricsWindow> windows(ServiceRef service) {
        return List.copyOf(windows.getOrDefault(service, List.of()));
    }

    /** The regions whose sources were asked for, in order. */
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
                return new LogPage(matching.subList(from, matching.size()), from > 0);
            }

            @Override
            public LogTail tail(
                    ServiceRef service, Optional<String> search, LogTail.Listener listener) {
                requireUp(service, "Loki");
                Tail tail = new Tail(service, search, listener);
                tails.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add(tail);
                return tail;
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

    private final class Tail implements LogTail {
        final ServiceRef service;
        final Optional<String> search;
        final LogTail.Listener listener;

        Tail(ServiceRef service, Optional<String> search, LogTail.Listener listener) {
            this.service = service;
            this.search = search;
            this.listener = listener;
        }

        @Override
        public void close() {
            tails.getOrDefault(service, List.of()).remove(this);
        }
    }
}
