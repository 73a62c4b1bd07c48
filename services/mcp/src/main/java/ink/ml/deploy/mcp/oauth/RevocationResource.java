package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import ink.ml.deploy.platform.oauth.OAuthGrants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Token revocation (RFC 7009): revoking an access or a refresh token ends the whole authorization
 * (the client is signed out). An unknown token answers 200 as §2.2 requires, so the endpoint tells
 * nobody which tokens exist.
 */
@Path(RevocationResource.PATH)
public class RevocationResource {
    static final String PATH = "/oauth/revoke";

    private final OAuthGrants grants;

    public RevocationResource(OAuthGrants grants) {
        this.grants = grants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(
            @FormParam("token") String token,
            @FormParam("token_type_hint") String hint,
            @FormParam("client_id") String clientId) {
        try {
            if (token == null || token.isBlank()) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "token: required");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new OAuthException(
                        OAuthError.INVALID_CLIENT, "client_id: required (this is a public client)");
            }
            // The hint only speeds up a lookup (§2.1); the token's shape already says its kind.
            grants.revoke(clientId, token);
            return Response.ok().cacheControl(OAuthErrors.noStore()).build();
        } catch (OAuthException e) {
            return OAuthErrors.of(e);
        }
    }
}
