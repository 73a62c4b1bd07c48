package ink.ml.deploy.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value PlatformMeters#MCP_TOOL_CALLS}: MCP tool calls, tagged {@code tool} (the name a tool is
 * registered under, a closed set fixed by the code) and {@code outcome}.
 */
public final class McpToolCallMeter {
    /** How a tool call ended. */
    public enum Outcome {
        OK,
        INVALID_ARGUMENT,
        NOT_FOUND,
        CONFLICT,
        /** A part the call needs (Temporal, Prometheus, Loki) could not be reached. */
        UNAVAILABLE,
        UNAUTHENTICATED,
        /** The tool itself answered with an error result. */
        REFUSED,
        /** A fault on our side. */
        INTERNAL
    }

    private final MeterRegistry registry;

    public McpToolCallMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param tool the tool's registered name, never text from the call
     */
    public void called(String tool, Outcome outcome) {
        registry.counter(
                        PlatformMeters.MCP_TOOL_CALLS,
                        "tool",
                        tool,
                        "outcome",
                        PlatformMeters.tag(outcome))
                .increment();
    }
}
