package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.deployer.worker.run.edge.EdgeRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's routing table held in memory, for tests of the Docker target: the real edge (Caddy) is
 * tested on its own. Remembers every change in order and whether the new upstream accepted a TCP
 * connection at the moment it was routed to, so a test can tell that a switch waited for readiness.
 */
final class InMemoryEdgeRoutes implements EdgeRoutes {
    record Change(String hostname, String upstream, boolean upstreamAccepted) {}

    private final Map<String, String> routes = new ConcurrentHashMap<>();
    private final List<Change> changes = new ArrayList<>();

    @Override
    public synchronized void route(String hostname, String upstream) {
        String[] hostPort = upstream.split(":");
        boolean accepted =
                TcpProbe.accepts(hostPort[0], Integer.parseInt(hostPort[1]), Duration.ofSeconds(2));
        routes.put(hostname, upstream);
        changes.add(new Change(hostname, upstream, accepted));
    }

    @Override
    public synchronized void remove(String hostname) {
        routes.remove(hostname);
        changes.add(new Change(hostname, null, false));
    }

    @Override
    public Map<String, String> routes() {
        return Map.copyOf(routes);
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }
}
