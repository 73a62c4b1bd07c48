package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.auth.CallerIdentities;
import ink.ml.deploy.auth.CredentialKind;
import ink.ml.deploy.mcp.oauth.OAuthUrls;
import ink.ml.deploy.platform.oauth.OAuthGrants;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies {@code dk_at_…} OAuth access tokens: live, and issued for this server's resource (a
 * token another resource server got from the same database is refused: audience binding).
 */
@ApplicationScoped
public class AccessTokenIdentityProvider implements IdentityProvider<AccessTokenRequest> {
    /** Attribute: the OAuth client the access token was issued to. */
    public static final String CLIENT_ID = "mcpdeploy.oauth-client-id";

    private final OAuthGrants grants;
    private final OAuthUrls urls;

    public AccessTokenIdentityProvider(OAuthGrants grants, OAuthUrls urls) {
        this.grants = grants;
        this.urls = urls;
    }

    @Override
    public Class<AccessTokenRequest> getRequestType() {
        return AccessTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            AccessTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(
                () ->
                        grants.verifyAccessToken(request.token(), urls.resource())
                                .map(
                                        token ->
                                                CallerIdentities.builder(
                                                                token.caller(),
                                                                CredentialKind.ACCESS_TOKEN)
                                                        .addAttribute(CLIENT_ID, token.clientId())
                                                        .build())
                                .orElseThrow(
                                        () ->
                                                new AuthenticationFailedException(
                                                        "the access token is expired, revoked or"
                                                                + " not issued for this server;"
                                                                + " refresh it or authorize"
                                                                + " again")));
    }
}
