package ink.ml.deploy.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value PlatformMeters#GRAPHQL_OPERATIONS}: GraphQL operations, one count per root field a
 * request selected, tagged {@code type} ({@code query}, {@code mutation}, {@code subscription}),
 * {@code operation} (the root field's name in the schema: a closed set, never the client's
 * operation name) and {@code outcome} ({@code ok}, or the error code in lower case). A request that
 * never reached execution (not GraphQL, not valid against the schema) has {@code type} and {@code
 * operation} {@value #UNKNOWN}, so no client text becomes a series.
 */
public final class GraphqlOperationMeter {
    /** The type and operation of a request that was refused before execution. */
    public static final String UNKNOWN = "unknown";

    /** The outcome of a root field without errors. */
    public static final String OK = "ok";

    private final MeterRegistry registry;

    public GraphqlOperationMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param type the operation type (an enum of the GraphQL engine), or null before execution
     * @param operation the root field's schema name, or null before execution
     * @param errorCode the first error code of that field (an enum of the API), or null when none
     */
    public void executed(Enum<?> type, String operation, Enum<?> errorCode) {
        registry.counter(
                        PlatformMeters.GRAPHQL_OPERATIONS,
                        "type",
                        type == null ? UNKNOWN : PlatformMeters.tag(type),
                        "operation",
                        operation == null ? UNKNOWN : operation,
                        "outcome",
                        errorCode == null ? OK : PlatformMeters.tag(errorCode))
                .increment();
    }
}
