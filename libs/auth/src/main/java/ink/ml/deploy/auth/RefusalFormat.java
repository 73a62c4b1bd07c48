package ink.ml.deploy.auth;

import io.vertx.core.json.JsonObject;

/**
 * How a front door words a 401: its {@code WWW-Authenticate} challenge and its JSON body. The one
 * thing the two front doors do not share, so each supplies it as a bean: the dashboard API answers
 * in the GraphQL error shape, the MCP server as RFC 6750 with {@code resource_metadata} (RFC 9728
 * §5.1).
 */
public interface RefusalFormat {
    /**
     * The {@code WWW-Authenticate} value.
     *
     * @param refusal why a presented credential was refused; null when none was presented
     */
    String challenge(String refusal);

    /** The JSON body of a refused credential; never contains the credential. */
    String body(String refusal);

    /**
     * The JSON body of a 503: the credential could not be checked because a part it needs (the
     * database) cannot be reached. RFC 6749's {@code temporarily_unavailable} unless the front door
     * words errors its own way.
     *
     * @param message what to tell the client; never internal error text
     */
    default String unavailableBody(String message) {
        return new JsonObject()
                .put("error", "temporarily_unavailable")
                .put("error_description", message)
                .encode();
    }
}
