package ink.ml.deploy.mcp.oauth;

import jakarta.enterprise.context.ApplicationScoped;

/** The URLs this server publishes about itself, all from the configured public URL. */
@ApplicationScoped
public class OAuthUrls {
    /** Where the MCP endpoint is (quarkus-mcp-server-http's default root path). */
    public static final String MCP_PATH = "/mcp";

    public static final String PROTECTED_RESOURCE_METADATA =
            "/.well-known/oauth-protected-resource";
    public static final String AUTHORIZATION_SERVER_METADATA =
            "/.well-known/oauth-authorization-server";

    private final String origin;

    public OAuthUrls(OAuthServerConfig config) {
        String url = config.publicUrl().toString();
        this.origin = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (config.publicUrl().getRawPath() != null
                && !config.publicUrl().getRawPath().isEmpty()
                && !config.publicUrl().getRawPath().equals("/")) {
            throw new IllegalStateException(
                    "mcpdeploy.mcp.oauth.public-url must be an origin without a path: " + url);
        }
    }

    /** The authorization server's issuer identifier (RFC 8414 §2). */
    public String issuer() {
        return origin;
    }

    /** The protected resource (RFC 9728 {@code resource}); every access token's audience. */
    public String resource() {
        return origin + MCP_PATH;
    }

    /** Where a 401 on {@code /mcp} points clients (RFC 9728 §5.1). */
    public String resourceMetadata() {
        return origin + PROTECTED_RESOURCE_METADATA + MCP_PATH;
    }

    public String endpoint(String path) {
        return origin + path;
    }

    public boolean isHttps() {
        return origin.startsWith("https://");
    }
}
