package ink.ml.deploy.graphql.api.limits;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import ink.ml.deploy.graphql.api.errors.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a query that asks for a batched field with arguments twice with different arguments (e.g.
 * {@code a: services(first: 1)} and {@code b: services(first: 5)}). SmallRye answers all the
 * sources of a batched field in one call with the arguments of the first one it saw, so such a
 * query would get one of the pages for both: refused instead, before anything runs.
 */
final class BatchedFieldArguments extends SimplePerformantInstrumentation {
    /** {@code Type.field} of every batched resolver that takes arguments. */
    static final Set<String> BATCHED_WITH_ARGUMENTS =
            Set.of("Project.services", "Deployment.events");

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        Map<String, Map<String, Object>> first = new HashMap<>();
        QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .coercedVariables(execution.getCoercedVariables())
                .build()
                .visitPreOrder(
                        new QueryVisitorStub() {
                            @Override
                            public void visitField(QueryVisitorFieldEnvironment field) {
                                String name =
                                        field.getFieldsContainer().getName()
                                                + "."
                                                + field.getFieldDefinition().getName();
                                if (!BATCHED_WITH_ARGUMENTS.contains(name)) {
                                    return;
                                }
                                Map<String, Object> earlier =
                                        first.putIfAbsent(name, field.getArguments());
                                if (earlier != null && !earlier.equals(field.getArguments())) {
                                    throw CodedAbortException.forField(
                                            ErrorCode.BAD_USER_INPUT,
                                            field.getFieldDefinition().getName(),
                                            name
                                                    + " is asked for with different arguments ("
                                                    + earlier
                                                    + " and "
                                                    + field.getArguments()
                                                    + "); one query answers all of them: use the"
                                                    + " same arguments everywhere, or send"
                                                    + " separate queries");
                                }
                            }
                        });
        return super.beginExecuteOperation(parameters, state);
    }
}
