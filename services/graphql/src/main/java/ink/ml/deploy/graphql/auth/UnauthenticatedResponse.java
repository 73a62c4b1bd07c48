package ink.ml.deploy.graphql.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a refused credential with 401 and a JSON body a dashboard and a GraphQL client can both
 * read: the GraphQL error shape with {@code extensions.code = UNAUTHENTICATED} and a message that
 * says what to do. The presented credential never appears in it.
 */
@ApplicationScoped
public class UnauthenticatedResponse {
    static final String CODE = "UNAUTHENTICATED";
    static final String FALLBACK_MESSAGE = "the credential was refused; sign in again";

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
                .putHeader(
                        BearerAuthenticationMechanism.WWW_AUTHENTICATE,
                        BearerAuthenticationMechanism.SCHEME + " error=\"invalid_token\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body(message).encode());
    }

    static JsonObject body(String message) {
        return new JsonObject()
                .put(
                        "errors",
                        new JsonArray()
                                .add(
                                        new JsonObject()
                                                .put("message", message)
                                                .put(
                                                        "extensions",
                                                        new JsonObject().put("code", CODE))));
    }
}
