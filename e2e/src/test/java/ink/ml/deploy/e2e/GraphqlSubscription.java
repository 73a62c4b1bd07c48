package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GraphQL subscription over a WebSocket ({@link WebSocketConnection}) with the {@code
 * graphql-transport-ws} protocol: {@code connection_init} → {@code connection_ack} → {@code
 * subscribe} → {@code next}… → {@code complete} (or {@code error}); pings are answered with pongs.
 *
 * <p>graphql authenticates the WebSocket upgrade with the same bearer mechanism as HTTP requests
 * (an {@code Authorization} header on the handshake), so the bearer goes there; the init payload
 * stays empty.
 */
final class GraphqlSubscription implements AutoCloseable {
    private static final String PROTOCOL = "graphql-transport-ws";
    private static final String ID = "1";

    private final List<JsonNode> items = new CopyOnWriteArrayList<>();
    private final List<GraphqlError> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<JsonNode>> completed = new CompletableFuture<>();
    private final String field;
    private volatile WebSocketConnection socket;

    private GraphqlSubscription(String field) {
        this.field = field;
    }

    /**
     * Opens the socket and subscribes; items are collected as the server sends them.
     *
     * @param field the subscription's root field, whose value each {@code next} carries
     */
    static GraphqlSubscription open(
            URI webSocketUrl,
            String bearer,
            String document,
            Map<String, ?> variables,
            String field) {
        GraphqlSubscription subscription = new GraphqlSubscription(field);
        try {
            subscription.socket =
                    WebSocketConnection.open(
                            webSocketUrl,
                            PROTOCOL,
                            Map.of("Authorization", "Bearer " + bearer),
                            subscription.new Listener(document, variables));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot open " + webSocketUrl + ": " + e.getMessage(), e);
        }
        subscription.send(message("connection_init", null, GraphqlClient.JSON.createObjectNode()));
        return subscription;
    }

    /** The items received so far, in order; the subscription goes on. */
    List<JsonNode> received() {
        return List.copyOf(items);
    }

    /**
     * Waits until the server completes the subscription.
     *
     * @return every item received
     * @throws GraphqlException when the server answered with errors or closed the socket early
     */
    List<JsonNode> awaitCompletion(Duration timeout) {
        try {
            return completed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GraphqlException graphql) {
                throw graphql;
            }
            throw new IllegalStateException("subscription " + field + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "subscription "
                            + field
                            + " did not complete within "
                            + timeout
                            + "; received "
                            + items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + field, e);
        }
    }

    @Override
    public void close() {
        WebSocketConnection current = socket;
        if (current != null) {
            current.close();
        }
    }

    private void send(ObjectNode message) {
        try {
            socket.sendText(message.toString());
        } catch (IOException e) {
            completed.completeExceptionally(e);
        }
    }

    private static ObjectNode message(String type, String id, JsonNode payload) {
        ObjectNode message = GraphqlClient.JSON.createObjectNode();
        message.put("type", type);
        if (id != null) {
            message.put("id", id);
        }
        if (payload != null) {
            message.set("payload", payload);
        }
        return message;
    }

    private void received(JsonNode message, String document, Map<String, ?> variables) {
        switch (message.path("type").asText()) {
            case "connection_ack" -> {
                ObjectNode payload = GraphqlClient.JSON.createObjectNode();
                payload.put("query", document);
                payload.set("variables", GraphqlClient.JSON.valueToTree(variables));
                send(message("subscribe", ID, payload));
            }
            case "ping" -> send(message("pong", null, null));
            case "next" -> {
                JsonNode payload = message.path("payload");
                JsonNode payloadErrors = payload.path("errors");
                if (payloadErrors.isArray() && !payloadErrors.isEmpty()) {
                    payloadErrors.forEach(error -> errors.add(GraphqlError.from(error)));
                    completed.completeExceptionally(new GraphqlException(field, errors));
                    close();
                    return;
                }
                JsonNode item = payload.path("data").path(field);
                items.add(item);
            }
            case "error" -> {
                message.path("payload").forEach(error -> errors.add(GraphqlError.from(error)));
                completed.completeExceptionally(new GraphqlException(field, errors));
                close();
            }
            case "complete" -> {
                completed.complete(List.copyOf(items));
                close();
            }
            default -> {
                // pong and unknown types carry nothing for a client.
            }
        }
    }

    private final class Listener implements WebSocketConnection.Listener {
        private final String document;
        private final Map<String, ?> variables;

        Listener(String document, Map<String, ?> variables) {
            this.document = document;
            this.variables = variables;
        }

        @Override
        public void onText(String text) {
            try {
                received(GraphqlClient.JSON.readTree(text), document, variables);
            } catch (IOException | RuntimeException e) {
                completed.completeExceptionally(e);
            }
        }

        @Override
        public void onClose(int code, String reason) {
            // After "complete" this changes nothing; before it, the subscription failed.
            completed.completeExceptionally(
                    new GraphqlException(
                            field,
                            List.of(
                                    new GraphqlError(
                                            "socket closed before completion: " + reason,
                                            "WS_" + code,
                                            "[]"))));
        }
    }
}
