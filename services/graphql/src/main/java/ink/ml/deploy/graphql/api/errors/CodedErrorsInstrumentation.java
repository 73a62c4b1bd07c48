package ink.ml.deploy.graphql.api.errors;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.IntrospectionDisabledError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Gives every error of a result an {@code extensions.code} and a message fit for a client: resolver
 * exceptions are classified by {@link ApiErrors} (unknown ones are logged here with their stack
 * trace and answered with a fixed message); what graphql-java refuses (parse, validation, bad-faith
 * introspection, its own limits) is the client's mistake, gets its own code and is logged at debug
 * only, so the error log holds our faults alone. The rewritten errors carry only message,
 * locations, path and extensions.
 */
public final class CodedErrorsInstrumentation extends SimplePerformantInstrumentation {
    private static final Logger LOG = Logger.getLogger(CodedErrorsInstrumentation.class);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> coded =
                NullsOfRefusedArguments.dropped(result.getErrors()).stream()
                        .map(this::coded)
                        .toList();
        return CompletableFuture.completedFuture(
                ExecutionResultImpl.newExecutionResult().from(result).errors(coded).build());
    }

    private GraphQLError coded(GraphQLError error) {
        return new CodedError(classify(error), error);
    }

    private ApiError classify(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get("code") instanceof String code && isOurs(code)) {
            Object field = extensions.get("field");
            return ApiError.ofField(
                    ErrorCode.valueOf(code),
                    error.getMessage(),
                    field == null ? null : field.toString());
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return ApiErrors.recognise(fetching.getException())
                    .orElseGet(
                            () -> {
                                LOG.errorf(
                                        fetching.getException(),
                                        "resolver failed at %s",
                                        fetching.getPath());
                                return ApiErrors.internal();
                            });
        }
        return refusal(error)
                .map(
                        code -> {
                            LOG.debugf(
                                    "GraphQL request refused (%s): %s", code, error.getMessage());
                            return ApiError.of(code, error.getMessage());
                        })
                .orElseGet(
                        () -> {
                            LOG.errorf(
                                    "unexpected GraphQL error %s: %s",
                                    error.getErrorType(), error.getMessage());
                            return ApiErrors.internal();
                        });
    }

    /** The code of an error graphql-java raises because of the request, not of our code. */
    private static Optional<ErrorCode> refusal(GraphQLError error) {
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError
                || error instanceof IntrospectionDisabledError) {
            return Optional.of(ErrorCode.INTROSPECTION_REFUSED);
        }
        if (error.getErrorType() == ErrorType.InvalidSyntax) {
            return Optional.of(ErrorCode.GRAPHQL_PARSE_FAILED);
        }
        if (error.getErrorType() == ErrorType.ValidationError) {
            return Optional.of(ErrorCode.GRAPHQL_VALIDATION_FAILED);
        }
        if (error.getErrorType() == ErrorType.ExecutionAborted) {
            // graphql-java aborts a request only over one of its limits (fields, depth, tokens).
            return Optional.of(ErrorCode.QUERY_TOO_COMPLEX);
        }
        return Optional.empty();
    }

    private static boolean isOurs(String code) {
        for (ErrorCode known : ErrorCode.values()) {
            if (known.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
