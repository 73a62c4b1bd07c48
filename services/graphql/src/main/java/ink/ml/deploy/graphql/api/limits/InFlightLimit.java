package ink.ml.deploy.graphql.api.limits;

import ink.ml.deploy.graphql.api.errors.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers {@code /graphql} requests beyond {@link QueryLimits#maxInFlight()} at once with 503 and
 * {@code UNAVAILABLE} at once, before they are read.
 *
 * <p>Without it, a rate the machine cannot keep up with piles every request's half-built result up
 * in memory until the heap runs out (measured: the 20 × 20 first screen at 50 req/s on two cores);
 * with it, the excess is told to come back ({@code Retry-After: 1}) and what is admitted finishes.
 * Subscriptions (a WebSocket upgrade) last as long as the client watches and are not counted.
 */
@ApplicationScoped
public class InFlightLimit {
    /** Before {@link RequestSizeLimit}, so that a refused request's body is never read. */
    private static final int BEFORE_THE_BODY_IS_READ = -2000;

    private static final int SERVICE_UNAVAILABLE = 503;

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimit(QueryLimits limits) {
        this(limits.maxInFlight());
    }

    InFlightLimit(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException(
                    "mcpdeploy.graphql.limits.max-in-flight must be at least 1 (got "
                            + maxInFlight
                            + ")");
        }
        this.maxInFlight = maxInFlight;
    }

    void install(@Observes Router router) {
        router.route("/graphql").order(BEFORE_THE_BODY_IS_READ).handler(this::admit);
    }

    /** The requests being answered now. */
    int inFlight() {
        return inFlight.get();
    }

    void admit(RoutingContext context) {
        if (context.request().headers().contains(HttpHeaders.UPGRADE)) {
            context.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refuse(context);
            return;
        }
        // called once when the response ends or the connection closes before it does
        context.addEndHandler(ended -> inFlight.decrementAndGet());
        context.next();
    }

    private void refuse(RoutingContext context) {
        JsonObject error =
                new JsonObject()
                        .put(
                                "message",
                                "the API is answering "
                                        + maxInFlight
                                        + " requests already: try again in a second")
                        .put(
                                "extensions",
                                new JsonObject().put("code", ErrorCode.UNAVAILABLE.name()));
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/graphql-response+json")
                .putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .setStatusCode(SERVICE_UNAVAILABLE)
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
