package ink.ml.deploy.observability.metrics;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time series' span and resolution: points every {@code step} from {@code end - range} to
 * {@code end}. Capped, so no caller can make Prometheus evaluate months or millions of points.
 */
public record MetricsWindow(Instant end, Duration range, Duration step) {
    public static final Duration MAX_RANGE = Duration.ofDays(30);
    public static final Duration MIN_STEP = Duration.ofSeconds(1);
    public static final int MAX_POINTS = 1000;

    public MetricsWindow {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        if (range.isNegative() || range.isZero() || range.compareTo(MAX_RANGE) > 0) {
            throw new InvalidValueException("range", "must be between 1 second and 30 days");
        }
        if (step.compareTo(MIN_STEP) < 0) {
            throw new InvalidValueException("step", "must be at least 1 second");
        }
        if (range.dividedBy(step) > MAX_POINTS) {
            throw new InvalidValueException(
                    "step",
                    "gives more than "
                            + MAX_POINTS
                            + " points over the range; use a step of at least "
                            + range.dividedBy(MAX_POINTS).plusSeconds(1).toSeconds()
                            + " seconds");
        }
    }

    public Instant start() {
        return end.minus(range);
    }
}
