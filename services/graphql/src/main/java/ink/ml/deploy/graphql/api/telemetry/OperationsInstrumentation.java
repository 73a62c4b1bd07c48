package ink.ml.deploy.graphql.api.telemetry;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import ink.ml.deploy.workflow.metrics.GraphqlOperationMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Counts each request's root fields by outcome ({@link GraphqlOperationMeter}). It runs after the
 * error coding in the engine's chain, so an outcome is an {@link ErrorCode}. Root fields are read
 * from the operation the engine executes, which has passed validation against the schema: their
 * names are the schema's, whatever the client named its operation. A request refused before
 * execution (parse, validation, limits) is counted once as {@code unknown}.
 */
public final class OperationsInstrumentation extends SimplePerformantInstrumentation {
    private final GraphqlOperationMeter operations;

    public OperationsInstrumentation(MeterRegistry registry) {
        this.operations = new GraphqlOperationMeter(registry);
    }

    /** What one request executed, when it got that far. */
    private static final class Executed implements InstrumentationState {
        private volatile ExecutionContext context;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Executed();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ((Executed) state).context = parameters.getExecutionContext();
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = state instanceof Executed executed ? executed.context : null;
        if (context == null) {
            operations.executed(null, null, firstCode(result.getErrors(), null).orElse(null));
        } else {
            var type = context.getOperationDefinition().getOperation();
            for (Field field :
                    rootFields(context, context.getOperationDefinition().getSelectionSet())) {
                operations.executed(
                        type,
                        field.getName(),
                        firstCode(result.getErrors(), field.getResultKey()).orElse(null));
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    /** The root fields, through inline fragments and fragment spreads on the root type. */
    private static List<Field> rootFields(ExecutionContext context, SelectionSet selections) {
        List<Field> fields = new ArrayList<>();
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                fields.add(field);
            } else if (selection instanceof InlineFragment inline) {
                fields.addAll(rootFields(context, inline.getSelectionSet()));
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = context.getFragment(spread.getName());
                if (fragment != null) {
                    fields.addAll(rootFields(context, fragment.getSelectionSet()));
                }
            }
        }
        return fields;
    }

    /**
     * The code of the first error under the root field answered as {@code resultKey}, else of the
     * first error of the whole request (no path); empty when there is none.
     */
    private static Optional<ErrorCode> firstCode(List<GraphQLError> errors, String resultKey) {
        Optional<ErrorCode> whole = Optional.empty();
        for (GraphQLError error : errors) {
            List<Object> path = error.getPath();
            if (path == null || path.isEmpty()) {
                whole = whole.or(() -> Optional.of(codeOf(error)));
            } else if (path.get(0).equals(resultKey)) {
                return Optional.of(codeOf(error));
            }
        }
        return whole;
    }

    private static ErrorCode codeOf(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get("code") instanceof String code) {
            for (ErrorCode known : ErrorCode.values()) {
                if (known.name().equals(code)) {
                    return known;
                }
            }
        }
        return ErrorCode.INTERNAL_SERVER_ERROR;
    }
}
