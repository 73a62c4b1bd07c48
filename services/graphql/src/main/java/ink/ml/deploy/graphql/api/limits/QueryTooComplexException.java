package ink.ml.deploy.graphql.api.limits;

import graphql.execution.AbortExecutionException;
import ink.ml.deploy.graphql.api.errors.ApiError;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import java.util.Map;

/** Stops a query over a limit before it runs; carries its error code like every other error. */
final class QueryTooComplexException extends AbortExecutionException {
    private static final long serialVersionUID = 1L;

    QueryTooComplexException(String message) {
        super(message);
    }

    @Override
    public Map<String, Object> getExtensions() {
        return ApiError.of(ErrorCode.QUERY_TOO_COMPLEX, getMessage()).extensions();
    }
}
