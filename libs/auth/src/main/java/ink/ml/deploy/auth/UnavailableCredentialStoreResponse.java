package ink.ml.deploy.auth;

import ink.ml.deploy.platform.common.DatabaseUnavailable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Answers 503 with {@code Retry-After} when a credential could not be checked because the database
 * that holds API keys and sessions cannot be reached: the client is told to try again, in the front
 * door's error shape ({@link RefusalFormat#unavailableBody}), instead of a 500 or a 401 that would
 * send it to sign in again. The driver's words (which can carry SQL) go to the log only.
 */
@ApplicationScoped
public class UnavailableCredentialStoreResponse {
    private static final Logger LOG = Logger.getLogger(UnavailableCredentialStoreResponse.class);

    /** Seconds a client should wait before trying again: a database restart takes a few. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final RefusalFormat format;

    public UnavailableCredentialStoreResponse(RefusalFormat format) {
        this.format = format;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure == null
                || context.response().ended()
                || !DatabaseUnavailable.isCause(failure)) {
            context.next();
            return;
        }
        LOG.warnf("a request failed because the database cannot be reached: %s", failure);
        context.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(format.unavailableBody(DatabaseUnavailable.MESSAGE));
    }
}
