package ink.ml.deploy.graphql.api.limits;

import graphql.execution.AbortExecutionException;
import ink.ml.deploy.graphql.api.errors.ApiError;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import java.util.Map;

/** Stops a query that found no place to execute in time; {@code UNAVAILABLE}, try again later. */
final class ApiBusyException extends AbortExecutionException {
    private static final long serialVersionUID = 1L;

    ApiBusyException(String message) {
        super(message);
    }

    @Override
    public Map<String, Object> getExtensions() {
        return ApiError.of(ErrorCode.UNAVAILABLE, getMessage()).extensions();
    }
}
