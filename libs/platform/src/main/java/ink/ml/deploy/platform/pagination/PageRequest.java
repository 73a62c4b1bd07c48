package ink.ml.deploy.platform.pagination;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.Optional;

/**
 * Relay-style forward pagination: at most {@code first} items after the opaque cursor {@code
 * after}.
 */
public record PageRequest(int first, Optional<Cursor> after) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (first < 1 || first > MAX_SIZE) {
            throw new InvalidValueException(
                    "first", "must be between 1 and " + MAX_SIZE + " (got " + first + ")");
        }
        after = after == null ? Optional.empty() : after;
    }

    /** From API input: both optional; a malformed cursor names the field {@code after}. */
    public static PageRequest of(Integer first, String after) {
        return new PageRequest(
                first == null ? DEFAULT_SIZE : first,
                after == null || after.isEmpty()
                        ? Optional.empty()
                        : Optional.of(Cursor.decode(after)));
    }

    public static PageRequest firstPage() {
        return new PageRequest(DEFAULT_SIZE, Optional.empty());
    }
}
