package ink.ml.deploy.deployer.worker.run.edge;

/** Which proxy plays the single-host edge. */
public enum EdgeKind {
    /**
     * HAProxy ({@link HaproxyEdgeRoutes}): routes change in the running process through its admin
     * socket, so a route change cuts no connection. The default.
     */
    HAPROXY,
    /**
     * Caddy ({@link CaddyEdgeRoutes}): every route change reloads its server, which resets the
     * connections waiting in its listener's backlog and closes every WebSocket through the edge.
     */
    CADDY
}
