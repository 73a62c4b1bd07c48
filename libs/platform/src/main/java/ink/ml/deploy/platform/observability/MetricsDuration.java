package ink.ml.deploy.platform.observability;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span written as Prometheus writes one: a whole number and one unit, {@code 30s}, {@code 15m},
 * {@code 1h} or {@code 7d}. Nothing else is accepted, so that a typo is refused instead of read as
 * something unintended.
 */
public final class MetricsDuration {
    private static final Pattern SHAPE = Pattern.compile("([0-9]{1,6})([smhd])");

    private MetricsDuration() {}

    /**
     * @param field the argument that carried it, named in the refusal
     */
    public static Duration parse(String field, String text) {
        Matcher matcher = SHAPE.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new InvalidValueException(
                    field,
                    "must be a whole number and a unit (s, m, h or d), e.g. 30s, 15m, 1h or 7d"
                            + " (got \""
                            + text
                            + "\")");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration =
                switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
        if (duration.isZero()) {
            throw new InvalidValueException(field, "must be longer than zero");
        }
        return duration;
    }

    /** The same span written back in the largest unit that divides it, e.g. {@code 90m}. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
