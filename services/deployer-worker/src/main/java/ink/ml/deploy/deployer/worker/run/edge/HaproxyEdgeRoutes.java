package ink.ml.deploy.deployer.worker.run.edge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@link EdgeRoutes} on HAProxy: the routes are an HAProxy map (host name to {@code ip:port}) that
 * the edge's config looks each request's Host up in, changed through HAProxy's runtime API on its
 * admin socket. A change is made in the running process, without a reload: the listener, the
 * connections (kept-alive ones, WebSockets, streams) and every other route are untouched, and a
 * request for the host sees the old upstream or the new one, never none ({@code set map} replaces
 * the value in place).
 *
 * <p>HAProxy is a separate process: it keeps serving its table while the platform is down. The
 * runtime API does not persist, so each change also rewrites the map file HAProxy reads at start (a
 * whole new file renamed over the old one, so a crash mid-write leaves the previous table, never a
 * torn one): after HAProxy's own restart the apps answer again before the platform is back. The
 * file is written from HAProxy's table as it is after the change ({@code show map}), so it holds
 * what HAProxy serves.
 *
 * <p>Changes from one instance are serialized ({@link HaproxyMap}). One process changes the routes
 * (the deployer-worker); a second writer would be safe for the running table ({@code set map} sets
 * every entry of a host) but not for the file.
 */
public final class HaproxyEdgeRoutes implements EdgeRoutes {
    private static final Logger LOG = Logger.getLogger(HaproxyEdgeRoutes.class);

    private final HaproxyMap routes;

    /**
     * @param adminSocket HAProxy's admin socket ({@code stats socket … level admin})
     * @param mapFile the map file named in HAProxy's config; HAProxy also knows the map by this
     *     path
     * @param adminTimeout the longest one admin call may take
     */
    public HaproxyEdgeRoutes(Path adminSocket, Path mapFile, Duration adminTimeout) {
        this.routes =
                new HaproxyMap(
                        new HaproxyAdminSocket(adminSocket, adminTimeout),
                        mapFile,
                        "routes",
                        Optional.of(
                                "The edge's routes (host name, upstream), written by the platform"
                                        + " after each change."));
    }

    /** From the deployer-worker's settings. */
    public static HaproxyEdgeRoutes from(EdgeConfig edge) {
        return new HaproxyEdgeRoutes(
                Path.of(edge.adminSocket()), Path.of(edge.mapFile()), edge.adminTimeout());
    }

    @Override
    public void route(String hostname, String upstream) {
        EdgeRoute route = new EdgeRoute(hostname, upstream);
        routes.put(route.hostname(), route.upstream(), "route " + route.hostname());
        LOG.infof("edge: %s → %s", route.hostname(), route.upstream());
    }

    @Override
    public void remove(String hostname) {
        String name = EdgeRoute.hostname(hostname);
        routes.remove(name, "remove " + name);
        LOG.infof("edge: %s removed", name);
    }

    @Override
    public Map<String, String> routes() {
        return routes.entries();
    }
}
