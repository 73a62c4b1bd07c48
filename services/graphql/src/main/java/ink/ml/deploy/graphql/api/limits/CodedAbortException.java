package ink.ml.deploy.graphql.api.limits;

import graphql.execution.AbortExecutionException;
import ink.ml.deploy.graphql.api.errors.ApiError;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import java.util.Map;

/**
 * Stops a query before it runs (over a limit; no place to execute in time); carries its error code
 * like every other error.
 */
final class CodedAbortException extends AbortExecutionException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    CodedAbortException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return ApiError.of(code, getMessage()).extensions();
    }
}
