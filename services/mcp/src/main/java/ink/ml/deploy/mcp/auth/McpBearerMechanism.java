package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.auth.BearerAuthenticationMechanism;
import ink.ml.deploy.auth.BearerTokenRequest;
import ink.ml.deploy.mcp.oauth.OAuthUrls;
import ink.ml.deploy.platform.oauth.OAuthGrants;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} on the MCP server: an OAuth access token issued by this
 * server ({@code dk_at_…}) or an API key ({@code dk_live_…}); outside {@code /mcp} also a platform
 * session ({@code dk_sess_…}) for the consent page. No bearer header means anonymous, and {@code
 * /mcp} then answers 401 with {@code WWW-Authenticate: Bearer resource_metadata="…"} (MCP
 * authorization, RFC 9728 §5.1) so a client can discover where to authorize. Other schemes (a
 * client sending Basic to the token endpoint) are not this mechanism's to judge.
 */
// A singleton, not a client proxy: the shared base class has no no-args constructor.
@Singleton
public class McpBearerMechanism extends BearerAuthenticationMechanism {
    public McpBearerMechanism(McpRefusalFormat format) {
        super(format, OtherSchemes.IGNORE);
    }

    @Override
    protected AuthenticationRequest requestFor(String token, RoutingContext context) {
        if (token.startsWith(OAuthGrants.ACCESS_TOKEN_PREFIX)) {
            return new AccessTokenRequest(token);
        }
        BearerTokenRequest platform =
                platformCredential(token)
                        .orElseThrow(
                                () ->
                                        new AuthenticationFailedException(
                                                "the bearer token is not an access token of this"
                                                        + " server (dk_at_…) or an API key"
                                                        + " (dk_live_…)"));
        if (platform instanceof BearerTokenRequest.Session && isMcpPath(context.normalizedPath())) {
            throw new AuthenticationFailedException(
                    "a dashboard session token does not sign in to /mcp; authorize this"
                            + " client with OAuth or use an API key (dk_live_…)");
        }
        return platform;
    }

    static boolean isMcpPath(String path) {
        return path.equals(OAuthUrls.MCP_PATH) || path.startsWith(OAuthUrls.MCP_PATH + "/");
    }

    @Override
    protected Set<Class<? extends AuthenticationRequest>> ownCredentialTypes() {
        return Set.of(AccessTokenRequest.class);
    }
}
