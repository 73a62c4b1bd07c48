package ink.ml.deploy.graphql.api.limits;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import ink.ml.deploy.graphql.api.errors.CodedErrorsInstrumentation;
import ink.ml.deploy.graphql.api.telemetry.OperationsInstrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Installs the query limits and the error coding into the GraphQL engine that SmallRye builds
 * (SmallRye fires the builder as a CDI event; {@code quarkus.smallrye-graphql.events.enabled}).
 * This replaces SmallRye's own instrumentation chain, which would only hold its depth and
 * complexity checks: those are configured here instead, with our error codes. Then the check that
 * batched fields are asked for with one set of arguments. The operations are counted last, once
 * their errors have codes.
 */
@ApplicationScoped
public class GraphqlEngineSetup {
    private final QueryLimits limits;
    private final MeterRegistry meters;

    public GraphqlEngineSetup(QueryLimits limits, MeterRegistry meters) {
        this.limits = limits;
        this.meters = meters;
    }

    void customise(@Observes GraphQL.Builder builder) {
        builder.instrumentation(
                new ChainedInstrumentation(
                        List.of(
                                new DepthLimit(limits.maxDepth()),
                                new ComplexityLimit(limits.maxComplexity()),
                                new BatchedFieldArguments(),
                                new CodedErrorsInstrumentation(),
                                new OperationsInstrumentation(meters))));
    }
}
