package ink.ml.deploy.deployer.worker.run.edge;

import java.util.Map;

/**
 * The single-host edge's routing table (Traefik's part on one machine): which upstream answers for
 * each platform hostname. Each change is atomic for its host: a request sees the old upstream or
 * the new one, never none. The edge keeps serving its last table while the platform is down.
 */
public interface EdgeRoutes {

    /**
     * Points {@code hostname} at {@code upstream} ({@code ip:port}), adding or replacing its route.
     */
    void route(String hostname, String upstream);

    /** Removes the route of {@code hostname}; nothing when it has none. */
    void remove(String hostname);

    /** The routes now in force: hostname to upstream. */
    Map<String, String> routes();
}
