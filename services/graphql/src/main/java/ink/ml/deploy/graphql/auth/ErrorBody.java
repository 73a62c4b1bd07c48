package ink.ml.deploy.graphql.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON error body of the sign-in endpoints and of a refused credential: the GraphQL error shape
 * ({@code errors[0].message}, {@code errors[0].extensions.code}), so one client-side handler reads
 * errors from the GraphQL endpoint and from these alike.
 */
public final class ErrorBody {
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    public static final String UNAVAILABLE = "UNAVAILABLE";

    private ErrorBody() {}

    public static String of(String code, String message) {
        JsonObject error =
                new JsonObject()
                        .put("message", message)
                        .put("extensions", new JsonObject().put("code", code));
        return new JsonObject().put("errors", new JsonArray().add(error)).encode();
    }
}
