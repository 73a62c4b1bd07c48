package ink.ml.deploy.graphql.api.errors;

import java.util.Objects;

/**
 * An error the API layer itself raises (e.g. a duplicate entry in an input list, Temporal
 * unreachable), already in the shape the client sees.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(Objects.requireNonNull(error, "error").message());
        this.error = error;
    }

    public ApiException(ApiError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message(), cause);
        this.error = error;
    }

    public static ApiException badInput(String field, String rule) {
        return new ApiException(
                ApiError.ofField(ErrorCode.BAD_USER_INPUT, field + ": " + rule, field));
    }

    public ApiError error() {
        return error;
    }
}
