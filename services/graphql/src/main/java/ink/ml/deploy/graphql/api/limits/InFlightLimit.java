package ink.ml.deploy.graphql.api.limits;

import ink.ml.deploy.graphql.api.errors.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets at most {@link QueryLimits#maxInFlight()} {@code /graphql} requests be answered at once; the
 * next {@link QueryLimits#maxQueued()} wait their turn, in order, before their body is read; beyond
 * those a request is answered 503 {@code UNAVAILABLE} with {@code Retry-After: 1} at once.
 *
 * <p>An executing request holds its whole half-built result: the 20 × 20 first screen is some
 * 14,000 fields, each with graphql-java's and SmallRye's bookkeeping (a selection set, a captured
 * context), about 40 MB live. Without a bound, a rate the two cores cannot keep up with piles those
 * up until the heap runs out (measured: bench/README.md); a waiting request holds only its
 * connection. A request whose client hangs up gives its place here back at once, while its
 * execution may go on: {@link ExecutionPermits} holds the same number of places until executions
 * have completed. Subscriptions (a WebSocket upgrade) last as long as the client watches and are
 * not counted.
 */
@ApplicationScoped
public class InFlightLimit {
    /** Before {@link RequestSizeLimit}, so that a waiting or refused request's body is not read. */
    private static final int BEFORE_THE_BODY_IS_READ = -2000;

    private static final int SERVICE_UNAVAILABLE = 503;

    private final int maxInFlight;
    private final int maxQueued;
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;

    public InFlightLimit(QueryLimits limits) {
        this(limits.maxInFlight(), limits.maxQueued());
    }

    InFlightLimit(int maxInFlight, int maxQueued) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException(
                    "mcpdeploy.graphql.limits.max-in-flight must be at least 1 (got "
                            + maxInFlight
                            + ")");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException(
                    "mcpdeploy.graphql.limits.max-queued must be 0 or more (got "
                            + maxQueued
                            + ")");
        }
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
    }

    void install(@Observes Router router) {
        router.route("/graphql").order(BEFORE_THE_BODY_IS_READ).handler(this::admit);
    }

    /** The requests being answered now. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** The requests waiting for their turn now. */
    synchronized int queued() {
        return queue.size();
    }

    void admit(RoutingContext request) {
        if (request.request().headers().contains(HttpHeaders.UPGRADE)) {
            request.next();
            return;
        }
        if (takePlace(request)) {
            run(request);
        }
    }

    /**
     * True when the request may run now; otherwise it has been queued (and runs when a place is
     * freed) or refused.
     */
    private boolean takePlace(RoutingContext request) {
        synchronized (this) {
            if (inFlight < maxInFlight) {
                inFlight++;
                return true;
            }
            if (queue.size() < maxQueued) {
                queue.addLast(new Waiting(request, Vertx.currentContext()));
                return false;
            }
        }
        refuse(request);
        return false;
    }

    private void run(RoutingContext request) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release =
                () -> {
                    if (released.compareAndSet(false, true)) {
                        finished();
                    }
                };
        // called when the response ends or the connection closes before it does
        request.addEndHandler(ended -> release.run());
        if (request.response().closed()) {
            // a client that gave up while it waited
            release.run();
            return;
        }
        request.next();
    }

    private void finished() {
        Waiting next;
        synchronized (this) {
            next = queue.pollFirst();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        // the freed place goes to the first waiting request, on its own connection's thread
        next.context().runOnContext(go -> run(next.request()));
    }

    private void refuse(RoutingContext request) {
        JsonObject error =
                new JsonObject()
                        .put(
                                "message",
                                "the API is busy ("
                                        + maxInFlight
                                        + " requests answered and "
                                        + maxQueued
                                        + " waiting): try again in a second")
                        .put(
                                "extensions",
                                new JsonObject().put("code", ErrorCode.UNAVAILABLE.name()));
        request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/graphql-response+json")
                .putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .setStatusCode(SERVICE_UNAVAILABLE)
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    private record Waiting(RoutingContext request, Context context) {}
}
