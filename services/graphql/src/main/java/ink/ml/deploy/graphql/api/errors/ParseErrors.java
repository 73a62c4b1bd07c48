package ink.ml.deploy.graphql.api.errors;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Answers a document that is not GraphQL with {@code GRAPHQL_PARSE_FAILED} and where it broke.
 * SmallRye parses a document before graphql-java's instrumentation sees it and answers a syntax
 * error with a bare "Unparseable input document" without a code; this check runs first so that
 * every error carries a code. A document that parses goes on unchanged.
 */
@ApplicationScoped
public class ParseErrors {
    /** After the body has been read (RequestSizeLimit), before SmallRye's routes. */
    private static final int AFTER_BODY_BEFORE_GRAPHQL = -900;

    void install(@Observes Router router) {
        router.route("/graphql").order(AFTER_BODY_BEFORE_GRAPHQL).handler(this::check);
    }

    private void check(RoutingContext context) {
        Optional<String> document = documentOf(context);
        if (document.isEmpty()) {
            context.next();
            return;
        }
        try {
            Parser.parse(document.get());
            context.next();
        } catch (InvalidSyntaxException e) {
            JsonObject error =
                    new JsonObject()
                            .put("message", e.getMessage())
                            .put("locations", locations(e))
                            .put(
                                    "extensions",
                                    new JsonObject()
                                            .put("code", ErrorCode.GRAPHQL_PARSE_FAILED.name()));
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/graphql-response+json")
                    .setStatusCode(200)
                    .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
        }
    }

    private static JsonArray locations(InvalidSyntaxException e) {
        JsonArray locations = new JsonArray();
        if (e.getLocation() != null) {
            locations.add(
                    new JsonObject()
                            .put("line", e.getLocation().getLine())
                            .put("column", e.getLocation().getColumn()));
        }
        return locations;
    }

    /** The GraphQL document of a GET or POST request, if it has one we can read. */
    private static Optional<String> documentOf(RoutingContext context) {
        if (context.request().method() == HttpMethod.GET) {
            return Optional.ofNullable(context.request().getParam("query"));
        }
        if (context.request().method() != HttpMethod.POST || context.body().isEmpty()) {
            return Optional.empty();
        }
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.startsWith("application/graphql")) {
            return Optional.of(context.body().asString());
        }
        try {
            JsonObject body = context.body().asJsonObject();
            return body == null
                    ? Optional.empty()
                    : Optional.ofNullable(body.getValue("query"))
                            .filter(String.class::isInstance)
                            .map(String.class::cast);
        } catch (RuntimeException notJson) {
            // SmallRye answers a body that is not JSON itself (400).
            return Optional.empty();
        }
    }
}
