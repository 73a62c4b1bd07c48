package ink.ml.deploy.mcp.auth;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;

/**
 * The official MCP Java SDK client over Streamable HTTP, presenting a bearer token on every request
 * as an MCP client does once it holds one.
 */
public final class BearerMcpClient {
    private BearerMcpClient() {}

    public static McpSyncClient connect(URI root, String bearer) {
        String base = root.toString().endsWith("/") ? root.toString() : root + "/";
        HttpClientStreamableHttpTransport transport =
                HttpClientStreamableHttpTransport.builder(base.substring(0, base.length() - 1))
                        .endpoint("/mcp")
                        .httpRequestCustomizer(
                                (request, method, uri, body, context) ->
                                        request.header("Authorization", "Bearer " + bearer))
                        .build();
        return McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("mcpdeploy-oauth-test", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .build();
    }
}
