package ink.ml.deploy.mcp.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/**
 * The MCP server as an OAuth protected resource and authorization server (MCP authorization,
 * 2025-06-18). Lifetimes of codes and tokens are the platform's {@code mcpdeploy.oauth.*}.
 */
@ConfigMapping(prefix = "mcpdeploy.mcp.oauth")
public interface OAuthServerConfig {
    /**
     * This server's origin as clients reach it (scheme, host, port; no path), e.g. {@code
     * https://mcp.ml.ink}. It is the issuer; the protected resource, and so every access token's
     * audience, is this plus {@code /mcp}. Never derived from a request's Host header.
     */
    @WithDefault("http://localhost:8082")
    URI publicUrl();
}
