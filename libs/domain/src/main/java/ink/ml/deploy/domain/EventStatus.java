package ink.ml.deploy.domain;

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
        return StoredValues.of(this);
    }

    public static EventStatus fromValue(String value) {
        return StoredValues.parse(EventStatus.class, "status", value);
    }
}
