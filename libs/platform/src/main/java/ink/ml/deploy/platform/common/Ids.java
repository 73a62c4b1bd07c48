package ink.ml.deploy.platform.common;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.UUID;

/** Parses ids that come from outside; a malformed id is a validation error, not a stack trace. */
public final class Ids {
    private Ids() {}

    public static UUID parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException("not canonical");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be an id as returned by the API (a UUID)");
        }
    }

    public static UUID random() {
        return UUID.randomUUID();
    }
}
