package ink.ml.deploy.graphql.api.limits;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import ink.ml.deploy.graphql.api.errors.CodedErrorsInstrumentation;
import ink.ml.deploy.graphql.api.telemetry.OperationsInstrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Installs the query limits and the error coding into the GraphQL engine that SmallRye builds
 * (SmallRye fires the builder as a CDI event; {@code quarkus.smallrye-graphql.events.enabled}).
 * This replaces SmallRye's own instrumentation chain, which would only hold its depth and
 * complexity checks: those are configured here instead, with our error codes. Then the check that
 * batched fields are asked for with one set of arguments. The operations are counted once their
 * errors have codes; last, each operation waits for one of the places to execute ({@link
 * ExecutionPermits}).
 */
@ApplicationScoped
public class GraphqlEngineSetup {
    /** How long an operation waits for a place to execute before it is answered UNAVAILABLE. */
    private static final Duration MAX_WAIT_FOR_A_PLACE = Duration.ofSeconds(30);

    private final QueryLimits limits;
    private final MeterRegistry meters;
    private final CurrentVertxRequest request;

    public GraphqlEngineSetup(
            QueryLimits limits, MeterRegistry meters, CurrentVertxRequest request) {
        this.limits = limits;
        this.meters = meters;
        this.request = request;
    }

    void customise(@Observes GraphQL.Builder builder) {
        builder.instrumentation(
                new ChainedInstrumentation(
                        List.of(
                                new DepthLimit(limits.maxDepth()),
                                new ComplexityLimit(limits.maxComplexity()),
                                new BatchedFieldArguments(),
                                new CodedErrorsInstrumentation(),
                                new OperationsInstrumentation(meters),
                                new ExecutionPermits(
                                        limits.maxInFlight(),
                                        MAX_WAIT_FOR_A_PLACE,
                                        this::clientGone))));
    }

    /** Whether the client of the request executing on this thread has closed its connection. */
    private boolean clientGone() {
        try {
            RoutingContext current = request.getCurrent();
            return current != null && current.response().closed();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }
}
