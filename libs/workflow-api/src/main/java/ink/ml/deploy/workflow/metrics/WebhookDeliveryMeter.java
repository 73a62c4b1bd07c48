package ink.ml.deploy.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@value PlatformMeters#WEBHOOK_DELIVERIES}: GitHub webhook deliveries as the receivers answered
 * them, tagged {@code outcome} (the reply's outcome: {@code started}, {@code duplicate}, {@code
 * ignored}, {@code linked}, {@code unlinked}, {@code rejected}) and {@code reason} (why one was
 * rejected, {@code none} otherwise).
 */
public final class WebhookDeliveryMeter {
    /** The outcomes a webhook reply can name; anything else is counted as {@code other}. */
    public enum Outcome {
        STARTED,
        DUPLICATE,
        IGNORED,
        LINKED,
        UNLINKED,
        REJECTED,
        OTHER
    }

    /** The reason of a delivery refused because the workflow engine could not be reached. */
    public static final String WORKFLOW_ENGINE_UNAVAILABLE = "workflow_engine_unavailable";

    private static final String NO_REASON = "none";

    private final MeterRegistry registry;

    public WebhookDeliveryMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A delivery that was answered with {@code outcome} (a reply's outcome word). */
    public void answered(String outcome) {
        count(outcomeOf(outcome), NO_REASON);
    }

    /**
     * A delivery refused before anything started, for {@code reason} (the receiver's refusal
     * reason, an enum: its values are the tag's closed set).
     */
    public void rejected(Enum<?> reason) {
        count(Outcome.REJECTED, PlatformMeters.tag(reason));
    }

    /** A verified delivery refused because the workflow engine is unreachable. */
    public void workflowEngineUnavailable() {
        count(Outcome.REJECTED, WORKFLOW_ENGINE_UNAVAILABLE);
    }

    private void count(Outcome outcome, String reason) {
        registry.counter(
                        PlatformMeters.WEBHOOK_DELIVERIES,
                        "outcome",
                        PlatformMeters.tag(outcome),
                        "reason",
                        reason)
                .increment();
    }

    private static Outcome outcomeOf(String outcome) {
        if (outcome != null) {
            for (Outcome known : Outcome.values()) {
                if (known.name().equals(outcome.toUpperCase(Locale.ROOT))) {
                    return known;
                }
            }
        }
        return Outcome.OTHER;
    }
}
