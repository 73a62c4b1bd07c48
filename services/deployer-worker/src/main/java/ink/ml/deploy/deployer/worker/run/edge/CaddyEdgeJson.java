package ink.ml.deploy.deployer.worker.run.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The edge's part of Caddy's JSON config, and where it sits. Pure: builds and reads JSON, no I/O.
 *
 * <p>One HTTP server, {@value #SERVER}, without automatic HTTPS (local, plain HTTP). Its routes:
 *
 * <ol>
 *   <li>{@value #HOSTS_ID}: a subroute holding one route per host, each with the {@code @id} {@link
 *       #routeId} and a {@code reverse_proxy} to the app;
 *   <li>{@value #NOT_FOUND_ID}: what answers any other host, a 404 that names no host.
 * </ol>
 *
 * When the app does not answer, {@code reverse_proxy} fails the request (502 for a refused
 * connection) and the server's error route answers with that status and a fixed body that says so
 * without internals.
 *
 * <p>Streaming passes without a {@code flush_interval}: Caddy flushes at once every response of
 * unknown length (chunked) or of type {@code text/event-stream}, and WebSocket upgrades are proxied
 * as streams. A negative {@code flush_interval} is avoided on purpose: with it, Caddy 2.6.2 cut
 * every in-flight streamed response, of every app, at each config load (each route change; the
 * upstream read fails with "use of closed network connection"), where without it the response
 * finishes on the old config ({@code CaddyEdgeRoutesTest} keeps that). {@code reverse_proxy} sets
 * {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} itself, and
 * ignores values a client sent (no trusted proxies), and passes the request's {@code Host} through
 * unchanged.
 */
final class CaddyEdgeJson {
    static final String SERVER = "edge";
    static final String SERVER_PATH = "/config/apps/http/servers/" + SERVER;
    static final String HOSTS_ID = "edge-hosts";
    static final String NOT_FOUND_ID = "edge-not-found";
    static final String NOT_ANSWERING_ID = "edge-app-not-answering";

    static final String NOT_FOUND_BODY = "404: no app answers at this address.\n";
    static final String NOT_ANSWERING_BODY =
            "502: the app is not answering. It may be starting, stopped or crashed.\n";

    private static final String ROUTE_ID_PREFIX = "edge-host-";

    private final ObjectMapper json;

    CaddyEdgeJson(ObjectMapper json) {
        this.json = json;
    }

    /** The {@code @id} of {@code hostname}'s route. */
    static String routeId(String hostname) {
        return ROUTE_ID_PREFIX + hostname;
    }

    /**
     * {@code root} (Caddy's whole config, possibly {@code null}) with the edge server in place: its
     * fixed parts as this class builds them, listening on {@code listen}, and the host routes it
     * already had kept. Everything else in {@code root} (the admin endpoint, other servers) is left
     * as it was.
     */
    JsonNode withEdgeServer(JsonNode root, String listen) {
        ObjectNode copy =
                root != null && root.isObject() ? root.deepCopy() : json.createObjectNode();
        ObjectNode servers = child(child(child(copy, "apps"), "http"), "servers");
        ArrayNode kept = hostRoutes(servers.path(SERVER).path("routes"));
        servers.set(SERVER, server(listen, kept));
        return copy;
    }

    /** The container route {@value #HOSTS_ID} holding {@code hostRoutes}. */
    private ObjectNode hostsContainer(ArrayNode hostRoutes) {
        ObjectNode subroute = json.createObjectNode().put("handler", "subroute");
        subroute.set("routes", hostRoutes);
        ObjectNode container = json.createObjectNode().put("@id", HOSTS_ID);
        container.set("handle", json.createArrayNode().add(subroute));
        return container;
    }

    /** The host routes of the edge server {@code server} (empty when it has none). */
    ArrayNode hostRoutesOf(JsonNode server) {
        return hostRoutes(server.path("routes"));
    }

    /** The host routes of a container route (empty when it has none). */
    private ArrayNode hostRoutesOfContainer(JsonNode container) {
        JsonNode routes = container.path("handle").path(0).path("routes");
        ArrayNode copy = json.createArrayNode();
        routes.forEach(route -> copy.add(route.deepCopy()));
        return copy;
    }

    /** The route sending {@code route.hostname()} to {@code route.upstream()}. */
    ObjectNode hostRoute(EdgeRoute route) {
        ObjectNode proxy = json.createObjectNode().put("handler", "reverse_proxy");
        proxy.set(
                "upstreams",
                json.createArrayNode().add(json.createObjectNode().put("dial", route.upstream())));
        ObjectNode node = json.createObjectNode().put("@id", routeId(route.hostname()));
        node.set(
                "match",
                json.createArrayNode()
                        .add(
                                json.createObjectNode()
                                        .set(
                                                "host",
                                                json.createArrayNode().add(route.hostname()))));
        node.set("handle", json.createArrayNode().add(proxy));
        node.put("terminal", true);
        return node;
    }

    /** hostname → upstream of the host routes in {@code routes}, in their order. */
    static Map<String, String> table(ArrayNode routes) {
        Map<String, String> table = new LinkedHashMap<>();
        for (JsonNode route : routes) {
            String hostname = route.path("match").path(0).path("host").path(0).asText("");
            String upstream =
                    route.path("handle").path(0).path("upstreams").path(0).path("dial").asText("");
            if (!hostname.isEmpty() && !upstream.isEmpty()) {
                table.put(hostname, upstream);
            }
        }
        return table;
    }

    /** {@code routes} without the route(s) of {@code hostname}. */
    static ArrayNode without(ArrayNode routes, String hostname) {
        ArrayNode kept = routes.arrayNode();
        String id = routeId(hostname);
        routes.forEach(
                route -> {
                    if (!id.equals(route.path("@id").asText(null))) {
                        kept.add(route);
                    }
                });
        return kept;
    }

    /** The edge server listening on {@code listen} with {@code hostRoutes}. */
    ObjectNode server(String listen, ArrayNode hostRoutes) {
        ObjectNode server = json.createObjectNode();
        server.set("listen", json.createArrayNode().add(listen));
        server.set("automatic_https", json.createObjectNode().put("disable", true));
        ObjectNode notFound = json.createObjectNode().put("@id", NOT_FOUND_ID);
        notFound.set("handle", json.createArrayNode().add(textResponse(404, NOT_FOUND_BODY)));
        server.set("routes", json.createArrayNode().add(hostsContainer(hostRoutes)).add(notFound));
        ObjectNode notAnswering = json.createObjectNode().put("@id", NOT_ANSWERING_ID);
        // The status of the failure (502 refused, 504 timed out), with a body that tells the
        // visitor what it means and nothing of the platform's insides.
        notAnswering.set(
                "handle",
                json.createArrayNode()
                        .add(textResponse("{http.error.status_code}", NOT_ANSWERING_BODY)));
        server.set(
                "errors",
                json.createObjectNode().set("routes", json.createArrayNode().add(notAnswering)));
        return server;
    }

    private ObjectNode textResponse(Object status, String body) {
        ObjectNode response = json.createObjectNode().put("handler", "static_response");
        if (status instanceof Integer code) {
            response.put("status_code", code);
        } else {
            response.put("status_code", status.toString());
        }
        response.set(
                "headers",
                json.createObjectNode()
                        .set(
                                "Content-Type",
                                json.createArrayNode().add("text/plain; charset=utf-8")));
        response.put("body", body);
        return response;
    }

    /** The host routes found in an existing server's routes (in its container, if any). */
    private ArrayNode hostRoutes(JsonNode serverRoutes) {
        for (JsonNode route : serverRoutes) {
            if (HOSTS_ID.equals(route.path("@id").asText(null))) {
                return hostRoutesOfContainer(route);
            }
        }
        return json.createArrayNode();
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }
}
