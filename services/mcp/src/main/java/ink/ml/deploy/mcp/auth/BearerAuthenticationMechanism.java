package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.mcp.oauth.OAuthUrls;
import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.oauth.OAuthGrants;
import ink.ml.deploy.platform.sessions.Sessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>}, sorted by the token's shape: an OAuth access token issued
 * by this server ({@code dk_at_…}) or an API key ({@code dk_live_…}); outside {@code /mcp} also a
 * platform session ({@code dk_sess_…}) for the consent page. No bearer header means anonymous, and
 * {@code /mcp} then answers 401 with {@code WWW-Authenticate: Bearer resource_metadata="…"} (MCP
 * authorization, RFC 9728 §5.1) so a client can discover where to authorize. A bearer token that
 * does not verify is refused with 401 {@code invalid_token} before anything runs.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String SCHEME = "Bearer";

    private final OAuthUrls urls;

    public BearerAuthenticationMechanism(OAuthUrls urls) {
        this.urls = urls;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !isBearer(header)) {
            // Other schemes (a client sending Basic to the token endpoint) are not ours to judge.
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request;
        try {
            request = requestFor(header, isMcpPath(context.normalizedPath()));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    static boolean isBearer(String header) {
        return header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1);
    }

    static boolean isMcpPath(String path) {
        return path.equals(OAuthUrls.MCP_PATH) || path.startsWith(OAuthUrls.MCP_PATH + "/");
    }

    /** Sorts a header value by shape; never puts the presented value into an error. */
    static AuthenticationRequest requestFor(String header, boolean mcpPath) {
        String token = header.substring(SCHEME.length() + 1).strip();
        if (token.startsWith(OAuthGrants.ACCESS_TOKEN_PREFIX)) {
            return new BearerTokenRequest.AccessToken(token);
        }
        if (token.startsWith(ApiKeys.SECRET_PREFIX)) {
            return new BearerTokenRequest.ApiKey(token);
        }
        if (token.startsWith(Sessions.TOKEN_PREFIX)) {
            if (mcpPath) {
                throw new AuthenticationFailedException(
                        "a dashboard session token does not sign in to /mcp; authorize this"
                                + " client with OAuth or use an API key (dk_live_…)");
            }
            return new BearerTokenRequest.Session(token);
        }
        throw new AuthenticationFailedException(
                "the bearer token is not an access token of this server (dk_at_…) or an API key"
                        + " (dk_live_…)");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new ChallengeData(
                                401,
                                UnauthorizedResponse.WWW_AUTHENTICATE,
                                UnauthorizedResponse.challenge(urls, null)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(
                BearerTokenRequest.ApiKey.class,
                BearerTokenRequest.AccessToken.class,
                BearerTokenRequest.Session.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new HttpCredentialTransport(
                                HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase()));
    }
}
