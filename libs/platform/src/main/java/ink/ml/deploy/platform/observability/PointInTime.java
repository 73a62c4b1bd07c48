package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A moment written by a person or an agent: either how long ago, as a {@link MetricsDuration}
 * ({@code 15m}: fifteen minutes before now), or an ISO-8601 timestamp with its offset ({@code
 * 2026-01-31T12:00:00Z}).
 */
public final class PointInTime {
    private PointInTime() {}

    /**
     * @param field the argument that carried it, named in the refusal
     */
    public static Instant parse(String field, String text, Instant now) {
        String trimmed = text == null ? "" : text.trim();
        if (!trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0)) && !trimmed.contains("-")) {
            return now.minus(MetricsDuration.parse(field, trimmed));
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(
                    field,
                    "must be a duration before now (e.g. 15m, 2h, 1d) or an ISO-8601 timestamp"
                            + " (e.g. 2026-01-31T12:00:00Z), got \""
                            + text
                            + "\"");
        }
    }
}
