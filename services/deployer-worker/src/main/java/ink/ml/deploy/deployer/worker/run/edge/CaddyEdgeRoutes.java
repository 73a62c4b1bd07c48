package ink.ml.deploy.deployer.worker.run.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * {@link EdgeRoutes} on Caddy, driven through its admin API. Caddy is a separate process: it keeps
 * serving its last table while the platform is down, and (run with {@code --resume}) after its own
 * restart. Each change makes Caddy load the whole new config and start it before it stops the old
 * one, so an answered request comes from the old table or the new one, never a 404 or 502 in
 * between.
 *
 * <p>What a change costs the apps in Caddy 2.6 (seen with Debian's 2.6.2, in the tests and by
 * hand): the config load opens a new listening socket and closes the old one, so connections still
 * waiting in the old one's backlog are reset before any answer (a client sees a reset and must try
 * again), and every WebSocket proxied by the edge, for any app, is closed. Responses that stream
 * (chunked, server-sent events) finish on the old config.
 *
 * <p>On first use the edge's base config ({@link CaddyEdgeJson}) is put in place, keeping the host
 * routes Caddy already has: after a platform restart they are the apps that kept answering.
 *
 * <p>Every change reads the table and writes it back conditionally ({@code If-Match}): if anything
 * else changed the table in between (another process), Caddy refuses and the change is made again
 * on the new table, so concurrent changes for different hosts never lose one. Changes from this
 * instance are also serialized, so they do not refuse each other.
 */
public final class CaddyEdgeRoutes implements EdgeRoutes {
    private static final Logger LOG = Logger.getLogger(CaddyEdgeRoutes.class);

    /**
     * Rounds of read-and-write-back before giving up when other writers keep changing the table.
     */
    private static final int ATTEMPTS = 50;

    private final CaddyAdminClient admin;
    private final CaddyEdgeJson config;
    private final String listen;
    private final ReentrantLock changes = new ReentrantLock();
    private volatile boolean baseInPlace;

    /**
     * @param adminUrl Caddy's admin API, e.g. {@code http://127.0.0.1:2019}
     * @param listen the edge server's listen address, e.g. {@code :8080} or {@code 127.0.0.1:8080}
     * @param adminTimeout the longest one admin call may take
     */
    public CaddyEdgeRoutes(URI adminUrl, String listen, Duration adminTimeout) {
        ObjectMapper json = new ObjectMapper();
        this.admin = new CaddyAdminClient(adminUrl, adminTimeout, json);
        this.config = new CaddyEdgeJson(json);
        this.listen = listen;
    }

    /** From the deployer-worker's settings. */
    public static CaddyEdgeRoutes from(EdgeConfig edge) {
        return new CaddyEdgeRoutes(
                URI.create(edge.adminUrl()),
                edge.listenHost().orElse("") + ":" + edge.listenPort(),
                edge.adminTimeout());
    }

    @Override
    public void route(String hostname, String upstream) {
        EdgeRoute route = new EdgeRoute(hostname, upstream);
        change(
                routes -> {
                    ArrayNode next = CaddyEdgeJson.without(routes, route.hostname());
                    int at = indexOf(routes, route.hostname());
                    // In place when it had a route: the table keeps its order.
                    next.insert(at < 0 ? next.size() : at, config.hostRoute(route));
                    return next;
                });
        LOG.infof("edge: %s → %s", route.hostname(), route.upstream());
    }

    @Override
    public void remove(String hostname) {
        String name = EdgeRoute.hostname(hostname);
        change(routes -> CaddyEdgeJson.without(routes, name));
        LOG.infof("edge: %s removed", name);
    }

    @Override
    public Map<String, String> routes() {
        ensureBase();
        Optional<CaddyAdminClient.Snapshot> server = admin.read(CaddyEdgeJson.SERVER_PATH);
        return Collections.unmodifiableMap(
                server.map(s -> CaddyEdgeJson.table(config.hostRoutesOf(s.value())))
                        .orElse(Map.of()));
    }

    /**
     * Applies {@code edit} to the host routes and writes the edge server back whole (its fixed
     * parts as {@link CaddyEdgeJson} builds them), conditionally, until it holds on the latest
     * table. Caddy's POST on the server's key replaces it in one config load.
     */
    private void change(UnaryOperator<ArrayNode> edit) {
        changes.lock();
        try {
            ensureBase();
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Optional<CaddyAdminClient.Snapshot> server = admin.read(CaddyEdgeJson.SERVER_PATH);
                if (server.isEmpty()) {
                    // Caddy restarted without --resume, or its config was replaced.
                    LOG.warnf(
                            "edge: Caddy at %s has no edge server; putting the base config back",
                            admin.adminUrl());
                    baseInPlace = false;
                    ensureBase();
                    continue;
                }
                ArrayNode routes = config.hostRoutesOf(server.get().value());
                ObjectNode next = config.server(listen, edit.apply(routes));
                if (next.equals(server.get().value())) {
                    return;
                }
                if (admin.setIfUnchanged(CaddyEdgeJson.SERVER_PATH, next, server.get().etag())
                        == CaddyAdminClient.Outcome.APPLIED) {
                    return;
                }
                backOff(attempt);
            }
            throw new EdgeAdminException(
                    "the edge's routes at "
                            + admin.adminUrl()
                            + " kept changing under this change ("
                            + ATTEMPTS
                            + " attempts): is another process rewriting them?");
        } finally {
            changes.unlock();
        }
    }

    /**
     * Puts the edge server in place (once per instance, and again when it went missing): its fixed
     * parts as {@link CaddyEdgeJson} builds them, the host routes Caddy already had kept, the rest
     * of Caddy's config (its admin endpoint) untouched. Nothing is written when all is already as
     * it should be.
     */
    private void ensureBase() {
        if (baseInPlace) {
            return;
        }
        synchronized (this) {
            if (baseInPlace) {
                return;
            }
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                CaddyAdminClient.Snapshot root = admin.readRoot();
                JsonNode wanted = config.withEdgeServer(root.value(), listen);
                if (wanted.equals(root.value())
                        || admin.setIfUnchanged("/config/", wanted, root.etag())
                                == CaddyAdminClient.Outcome.APPLIED) {
                    baseInPlace = true;
                    return;
                }
                backOff(attempt);
            }
            throw new EdgeAdminException(
                    "the edge's config at "
                            + admin.adminUrl()
                            + " kept changing while its base was put in place");
        }
    }

    private static int indexOf(ArrayNode routes, String hostname) {
        String id = CaddyEdgeJson.routeId(hostname);
        for (int i = 0; i < routes.size(); i++) {
            if (id.equals(routes.get(i).path("@id").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** A short, growing pause so that competing writers do not collide in lockstep. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(100, 5L * attempt) + (long) (Math.random() * 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeAdminException("interrupted while changing the edge's routes", e);
        }
    }
}
