package ink.ml.deploy.graphql.api.limits;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a {@code /graphql} body over {@link QueryLimits#maxRequestBytes()} with 413 while it is
 * being read, before it is parsed: the server-wide limit is sized for other endpoints. It runs
 * before SmallRye's own body handler, which then finds the body already read.
 */
@ApplicationScoped
public class RequestSizeLimit {
    /** Before every route Quarkus registers for the path (they use order 0 and up). */
    private static final int BEFORE_GRAPHQL_ROUTES = -1000;

    private final QueryLimits limits;

    public RequestSizeLimit(QueryLimits limits) {
        this.limits = limits;
    }

    void install(@Observes Router router) {
        router.route("/graphql")
                .order(BEFORE_GRAPHQL_ROUTES)
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxRequestBytes()));
    }
}
