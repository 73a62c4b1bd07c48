package ink.ml.deploy.e2e;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An agent on the official MCP Java SDK client, over Streamable HTTP with {@code Authorization:
 * Bearer <dk_live_ key>} on every request.
 */
final class McpAgent implements AutoCloseable {
    private final McpSyncClient client;

    private McpAgent(McpSyncClient client) {
        this.client = client;
    }

    /**
     * @param mcpUrl the server's MCP endpoint, e.g. {@code http://127.0.0.1:P/mcp}
     */
    static McpAgent connect(URI mcpUrl, String apiKey) {
        String base = mcpUrl.getScheme() + "://" + mcpUrl.getRawAuthority();
        HttpClientStreamableHttpTransport transport =
                HttpClientStreamableHttpTransport.builder(base)
                        .endpoint(mcpUrl.getRawPath())
                        .addHttpRequestCustomizer(
                                (request, method, uri, body, context) ->
                                        request.header("Authorization", "Bearer " + apiKey))
                        .build();
        McpSyncClient client =
                McpClient.sync(transport)
                        .clientInfo(
                                McpSchema.Implementation.builder("mcpdeploy-e2e", "1.0.0").build())
                        .requestTimeout(Duration.ofSeconds(60))
                        .build();
        client.initialize();
        return new McpAgent(client);
    }

    /** The structured result of a tool call that must succeed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String tool, Map<String, Object> arguments) {
        CallToolResult result =
                client.callTool(
                        McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " failed: " + text(result));
        }
        return (Map<String, Object>) result.structuredContent();
    }

    /**
     * A tool call that may be refused: the structured result, or the tool error's text (e.g. {@code
     * Not found: …}).
     */
    @SuppressWarnings("unchecked")
    Answer attempt(String tool, Map<String, Object> arguments) {
        CallToolResult result =
                client.callTool(
                        McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
        if (Boolean.TRUE.equals(result.isError())) {
            return new Answer(null, text(result));
        }
        return new Answer((Map<String, Object>) result.structuredContent(), null);
    }

    /** What a tool answered: {@code content} on success, else {@code error}. */
    record Answer(Map<String, Object> content, String error) {}

    private static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(content -> ((TextContent) content).text())
                .reduce("", String::concat);
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
