package ink.ml.deploy.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a step went, as one event says; the values repeat the check constraint on {@code
 * deployment_events.status}.
 */
public enum EventStatus {
    STARTED,
    SUCCEEDED,
    FAILED,
    /** Something worth showing that neither starts nor ends a step. */
    INFO;

    /** The value stored in the database and shown in APIs, e.g. {@code succeeded}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventStatus fromValue(String value) {
        for (EventStatus status : values()) {
            if (status.value().equals(value)) {
                return status;
            }
        }
        throw new InvalidValueException(
                "status",
                "must be one of "
                        + Arrays.stream(values())
                                .map(EventStatus::value)
                                .collect(Collectors.joining(", ")));
    }
}
