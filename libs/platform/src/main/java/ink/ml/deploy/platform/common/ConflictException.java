package ink.ml.deploy.platform.common;

/**
 * The request is well-formed but clashes with what exists (a name already taken, a deployment
 * already in flight). Names the field, like a validation error, so clients can show it in place.
 */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public ConflictException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.reason = message;
    }

    public String field() {
        return field;
    }

    /** The message without the field in front, as it was given. */
    public String reason() {
        return reason;
    }
}
