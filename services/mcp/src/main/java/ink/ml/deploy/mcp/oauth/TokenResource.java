package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.oauth.CodeExchange;
import ink.ml.deploy.platform.oauth.IssuedTokens;
import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import ink.ml.deploy.platform.oauth.OAuthGrants;
import ink.ml.deploy.platform.oauth.RefreshExchange;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token endpoint (RFC 6749 §3.2): {@code authorization_code} with PKCE, and {@code
 * refresh_token} with rotation. Public clients: the {@code client_id} form field identifies the
 * client, PKCE and the one-time codes and refresh tokens protect it.
 */
@Path(TokenResource.PATH)
public class TokenResource {
    static final String PATH = "/oauth/token";

    private final OAuthGrants grants;
    private final OAuthUrls urls;

    public TokenResource(OAuthGrants grants, OAuthUrls urls) {
        this.grants = grants;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(
            @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri,
            @FormParam("code_verifier") String codeVerifier,
            @FormParam("refresh_token") String refreshToken,
            @FormParam("resource") String resource) {
        try {
            if (clientId == null || clientId.isBlank()) {
                throw new OAuthException(
                        OAuthError.INVALID_CLIENT, "client_id: required (this is a public client)");
            }
            checkResource(resource);
            IssuedTokens tokens =
                    switch (grantType == null ? "" : grantType) {
                        case "authorization_code" ->
                                grants.exchangeCode(
                                        new CodeExchange(
                                                clientId,
                                                code,
                                                redirectUri,
                                                codeVerifier,
                                                resource));
                        case "refresh_token" ->
                                grants.refresh(
                                        new RefreshExchange(clientId, refreshToken, resource));
                        default ->
                                throw new OAuthException(
                                        OAuthError.UNSUPPORTED_GRANT_TYPE,
                                        "grant_type: authorization_code or refresh_token");
                    };
            return Response.ok(body(tokens), MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(OAuthErrors.noStore())
                    .header("Pragma", "no-cache")
                    .build();
        } catch (OAuthException e) {
            return OAuthErrors.of(e);
        }
    }

    /** RFC 8707: a token for another resource is never issued here. */
    private void checkResource(String resource) {
        if (resource != null && !urls.resource().equals(resource)) {
            throw new OAuthException(
                    OAuthError.INVALID_TARGET,
                    "resource: this server issues tokens only for " + urls.resource());
        }
    }

    private static Map<String, Object> body(IssuedTokens tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put(
                "expires_in",
                Math.max(
                        0,
                        Duration.between(Timestamps.now(), tokens.accessTokenExpiresAt())
                                .toSeconds()));
        body.put("refresh_token", tokens.refreshToken());
        body.put("scope", tokens.scope());
        return body;
    }
}
