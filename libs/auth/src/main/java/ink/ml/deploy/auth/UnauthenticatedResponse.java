package ink.ml.deploy.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a refused credential with 401, the front door's challenge and body ({@link
 * RefusalFormat}), and {@code Cache-Control: no-store}, before anything else runs. The message says
 * what to do; the presented credential never appears in it.
 */
@ApplicationScoped
public class UnauthenticatedResponse {
    static final String FALLBACK_MESSAGE = "the credential was refused; sign in again";

    private final RefusalFormat format;

    public UnauthenticatedResponse(RefusalFormat format) {
        this.format = format;
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
                .putHeader(
                        BearerAuthenticationMechanism.WWW_AUTHENTICATE, format.challenge(message))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(format.body(message));
    }
}
