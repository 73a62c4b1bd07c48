package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.mcp.oauth.OAuthUrls;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a refused bearer token as RFC 6750 §3 says, with the MCP authorization addition (RFC 9728
 * §5.1): 401, {@code WWW-Authenticate: Bearer error="invalid_token", error_description="…",
 * resource_metadata="…"} and the same as a JSON body. The presented token never appears in it.
 */
@ApplicationScoped
public class UnauthorizedResponse {
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String FALLBACK_MESSAGE = "the bearer token was refused; authorize again";

    private final OAuthUrls urls;

    public UnauthorizedResponse(OAuthUrls urls) {
        this.urls = urls;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (!(failure instanceof AuthenticationFailedException refused)
                || context.response().ended()) {
            context.next();
            return;
        }
        String message =
                refused.getMessage() == null || refused.getMessage().isBlank()
                        ? FALLBACK_MESSAGE
                        : refused.getMessage();
        context.response()
                .setStatusCode(401)
                .putHeader(WWW_AUTHENTICATE, challenge(urls, message))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(
                        new JsonObject()
                                .put("error", "invalid_token")
                                .put("error_description", message)
                                .encode());
    }

    /** The challenge; {@code invalidToken} is the description when a token was presented. */
    static String challenge(OAuthUrls urls, String invalidToken) {
        StringBuilder value = new StringBuilder(BearerAuthenticationMechanism.SCHEME);
        value.append(" resource_metadata=\"").append(urls.resourceMetadata()).append('"');
        if (invalidToken != null) {
            value.append(", error=\"invalid_token\", error_description=\"")
                    .append(invalidToken.replace("\"", "'").replace("\\", "/"))
                    .append('"');
        }
        return value.toString();
    }
}
