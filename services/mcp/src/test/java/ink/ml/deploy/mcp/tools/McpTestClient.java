package ink.ml.deploy.mcp.tools;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The official MCP Java SDK client over Streamable HTTP against the server under test, signed in
 * with a bearer credential; optionally recording a transcript.
 */
final class McpTestClient implements AutoCloseable {
    private final McpSyncClient client;

    private McpTestClient(McpSyncClient client) {
        this.client = client;
    }

    static McpTestClient connect(URI server, String bearer, Optional<Transcript> transcript) {
        McpClientTransport transport =
                HttpClientStreamableHttpTransport.builder(server.toString())
                        .endpoint("/mcp")
                        .requestBuilder(request(bearer))
                        .build();
        McpClientTransport used =
                transcript
                        .<McpClientTransport>map(t -> new RecordingTransport(transport, t))
                        .orElse(transport);
        McpSyncClient client =
                McpClient.sync(used)
                        .requestTimeout(Duration.ofSeconds(90))
                        .clientInfo(new McpSchema.Implementation("mcpdeploy-tests", "1.0.0"))
                        .build();
        client.initialize();
        return new McpTestClient(client);
    }

    private static HttpRequest.Builder request(String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    McpSyncClient sdk() {
        return client;
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The structured result of a call that must succeed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " failed: " + text(result));
        }
        return (Map<String, Object>) result.structuredContent();
    }

    /** The message of a call that must fail with isError. */
    String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        if (!Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " succeeded: " + result.structuredContent());
        }
        return text(result);
    }

    static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .reduce("", String::concat);
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
