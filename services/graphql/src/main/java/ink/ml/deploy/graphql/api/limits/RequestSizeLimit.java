package ink.ml.deploy.graphql.api.limits;

import ink.ml.deploy.graphql.api.errors.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a {@code /graphql} body over {@link QueryLimits#maxRequestBytes()} with 413 while it is
 * being read, before it is parsed: the server-wide limit is sized for other endpoints. It runs
 * before SmallRye's own body handler, which then finds the body already read. The 413 carries a
 * GraphQL error with {@code QUERY_TOO_COMPLEX}, so a client reads it like every other refusal.
 */
@ApplicationScoped
public class RequestSizeLimit {
    /** Before every route Quarkus registers for the path (they use order 0 and up). */
    private static final int BEFORE_GRAPHQL_ROUTES = -1000;

    private static final int REQUEST_ENTITY_TOO_LARGE = 413;

    private final QueryLimits limits;

    public RequestSizeLimit(QueryLimits limits) {
        this.limits = limits;
    }

    void install(@Observes Router router) {
        router.route("/graphql")
                .order(BEFORE_GRAPHQL_ROUTES)
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxRequestBytes()))
                .failureHandler(this::tooLarge);
    }

    private void tooLarge(RoutingContext context) {
        if (context.statusCode() != REQUEST_ENTITY_TOO_LARGE || context.response().ended()) {
            context.next();
            return;
        }
        JsonObject error =
                new JsonObject()
                        .put(
                                "message",
                                "the request is larger than "
                                        + limits.maxRequestBytes()
                                        + " bytes: split it into several requests")
                        .put(
                                "extensions",
                                new JsonObject().put("code", ErrorCode.QUERY_TOO_COMPLEX.name()));
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/graphql-response+json")
                .setStatusCode(REQUEST_ENTITY_TOO_LARGE)
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
