package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP session over Streamable HTTP, spoken on the JDK client so that many tool calls can be in
 * flight at once (the SDK's client sends one at a time): {@code initialize}, then {@code
 * notifications/initialized}, then {@code tools/call} requests, each a POST to the MCP endpoint
 * with the session id and {@code Authorization: Bearer <dk_live_ key>}. An answer may come as JSON
 * or as a short event stream; both are read.
 */
final class McpHttpSession {
    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final String sessionId;
    private final AtomicLong ids = new AtomicLong(1);

    private McpHttpSession(HttpClient http, URI endpoint, String apiKey, String sessionId) {
        this.http = http;
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.sessionId = sessionId;
    }

    static McpHttpSession open(HttpClient http, URI endpoint, String apiKey)
            throws IOException, InterruptedException {
        HttpResponse<String> initialized =
                http.send(
                        request(endpoint, apiKey, null)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                                                        + "\"params\":{\"protocolVersion\":\""
                                                        + PROTOCOL_VERSION
                                                        + "\",\"capabilities\":{},\"clientInfo\":"
                                                        + "{\"name\":\"mcpdeploy-bench\",\"version\":\"1\"}}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String session =
                initialized
                        .headers()
                        .firstValue("Mcp-Session-Id")
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "initialize answered "
                                                        + initialized.statusCode()
                                                        + " without a session: "
                                                        + initialized.body()));
        HttpResponse<String> notified =
                http.send(
                        request(endpoint, apiKey, session)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"jsonrpc\":\"2.0\",\"method\":"
                                                        + "\"notifications/initialized\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (notified.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "notifications/initialized answered "
                            + notified.statusCode()
                            + ": "
                            + notified.body());
        }
        return new McpHttpSession(http, endpoint, apiKey, session);
    }

    /**
     * Calls a tool; completes with its JSON-RPC {@code result}, or exceptionally when the call
     * failed (an HTTP error, a JSON-RPC error, or a tool error).
     */
    CompletableFuture<JsonNode> callTool(String tool, String argumentsJson) {
        String body =
                "{\"jsonrpc\":\"2.0\",\"id\":"
                        + ids.incrementAndGet()
                        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                        + tool
                        + "\",\"arguments\":"
                        + argumentsJson
                        + "}}";
        return http.sendAsync(
                        request(endpoint, apiKey, sessionId)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(McpHttpSession::result);
    }

    private static JsonNode result(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "tools/call answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode message = message(response.body());
        if (message.has("error")) {
            throw new IllegalStateException("tools/call failed: " + message.get("error"));
        }
        JsonNode result = message.path("result");
        if (result.path("isError").asBoolean(false)) {
            throw new IllegalStateException("the tool failed: " + result.path("content"));
        }
        return result;
    }

    /** The JSON-RPC message of a JSON answer or of the last {@code data:} of an event stream. */
    private static JsonNode message(String body) {
        String json = body.strip();
        if (!json.startsWith("{")) {
            String last = null;
            for (String line : json.split("\n")) {
                if (line.startsWith("data:")) {
                    last = line.substring("data:".length()).strip();
                }
            }
            if (last == null) {
                throw new IllegalStateException("not an MCP answer: " + body);
            }
            json = last;
        }
        try {
            return GraphqlClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static HttpRequest.Builder request(URI endpoint, String apiKey, String session) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                        .header("Authorization", "Bearer " + apiKey);
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request;
    }
}
