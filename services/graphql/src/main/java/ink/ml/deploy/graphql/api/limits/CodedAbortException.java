package ink.ml.deploy.graphql.api.limits;

import graphql.execution.AbortExecutionException;
import ink.ml.deploy.graphql.api.errors.ApiError;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import java.util.Map;

/**
 * Stops a query before it runs (over a limit; no place to execute in time; a batched field asked
 * for with different arguments); carries its error code like every other error, and the field when
 * one is to blame.
 */
final class CodedAbortException extends AbortExecutionException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** The field to blame, or null when the whole query is. */
    private final String field;

    CodedAbortException(ErrorCode code, String message) {
        this(code, message, null);
    }

    private CodedAbortException(ErrorCode code, String message, String field) {
        super(message);
        this.code = code;
        this.field = field;
    }

    static CodedAbortException forField(ErrorCode code, String field, String message) {
        return new CodedAbortException(code, message, field);
    }

    @Override
    public Map<String, Object> getExtensions() {
        ApiError error =
                field == null
                        ? ApiError.of(code, getMessage())
                        : ApiError.ofField(code, getMessage(), field);
        return error.extensions();
    }
}
