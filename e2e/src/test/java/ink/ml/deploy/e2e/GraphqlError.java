package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a GraphQL answer's {@code errors}: the message and the platform's machine-readable
 * {@code extensions.code} (e.g. {@code NOT_FOUND}, {@code BAD_USER_INPUT}).
 */
record GraphqlError(String message, String code, String path) {
    static GraphqlError from(JsonNode error) {
        return new GraphqlError(
                error.path("message").asText(""),
                error.path("extensions").path("code").asText("(no code)"),
                error.path("path").toString());
    }

    @Override
    public String toString() {
        return code + " at " + path + ": " + message;
    }
}
