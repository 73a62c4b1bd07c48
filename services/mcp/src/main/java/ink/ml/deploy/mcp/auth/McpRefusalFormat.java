package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.auth.BearerAuthenticationMechanism;
import ink.ml.deploy.auth.RefusalFormat;
import ink.ml.deploy.mcp.oauth.OAuthUrls;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A 401 as RFC 6750 §3 says, with the MCP authorization addition (RFC 9728 §5.1): {@code
 * WWW-Authenticate: Bearer resource_metadata="…"}, plus {@code error="invalid_token",
 * error_description="…"} when a presented token was refused, and the same as a JSON body.
 */
@ApplicationScoped
public class McpRefusalFormat implements RefusalFormat {
    private final OAuthUrls urls;

    public McpRefusalFormat(OAuthUrls urls) {
        this.urls = urls;
    }

    @Override
    public String challenge(String refusal) {
        StringBuilder value = new StringBuilder(BearerAuthenticationMechanism.SCHEME);
        value.append(" resource_metadata=\"").append(urls.resourceMetadata()).append('"');
        if (refusal != null) {
            value.append(", error=\"invalid_token\", error_description=\"")
                    .append(refusal.replace("\"", "'").replace("\\", "/"))
                    .append('"');
        }
        return value.toString();
    }

    @Override
    public String body(String refusal) {
        return new JsonObject()
                .put("error", "invalid_token")
                .put("error_description", refusal)
                .encode();
    }
}
