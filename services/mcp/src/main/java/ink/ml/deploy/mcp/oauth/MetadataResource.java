package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.oauth.Pkce;
import ink.ml.deploy.platform.oauth.Scopes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an MCP client discovers before it authorizes: the protected resource metadata (RFC 9728),
 * which the 401 on {@code /mcp} points to, and the authorization server metadata (RFC 8414).
 */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {
    private final OAuthUrls urls;

    public MetadataResource(OAuthUrls urls) {
        this.urls = urls;
    }

    /** RFC 9728 §3.1: for resource {@code https://host/mcp} the path-inserted well-known URL. */
    @GET
    @Path("/oauth-protected-resource/mcp")
    public Map<String, Object> protectedResourceOfMcp() {
        return protectedResource();
    }

    /** The same document at the root, for clients that look there first. */
    @GET
    @Path("/oauth-protected-resource")
    public Map<String, Object> protectedResource() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", urls.resource());
        metadata.put("authorization_servers", List.of(urls.issuer()));
        metadata.put("scopes_supported", List.of(Scopes.DEPLOY));
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("resource_name", "MCPDeploy");
        return metadata;
    }

    @GET
    @Path("/oauth-authorization-server")
    public Map<String, Object> authorizationServer() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", urls.issuer());
        metadata.put("authorization_endpoint", urls.endpoint(AuthorizeResource.PATH));
        metadata.put("token_endpoint", urls.endpoint(TokenResource.PATH));
        metadata.put("registration_endpoint", urls.endpoint(ClientRegistrationResource.PATH));
        metadata.put("revocation_endpoint", urls.endpoint(RevocationResource.PATH));
        metadata.put("scopes_supported", List.of(Scopes.DEPLOY));
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("response_modes_supported", List.of("query"));
        metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("code_challenge_methods_supported", List.of(Pkce.S256));
        return metadata;
    }
}
