package ink.ml.deploy.workflow.control;

import io.temporal.failure.ApplicationFailure;

/**
 * The non-retryable failure types of the control activities. Each carries what the API needs to
 * answer exactly as if libs/platform had refused the request itself: details are {@code (kind,
 * reference)} for {@link #NOT_FOUND} and {@code (field, message)} for the others.
 */
public final class ControlFailures {
    /** The service or deployment does not exist, or is not the caller's. */
    public static final String NOT_FOUND = "ControlNotFound";

    /** The request contradicts the current state (nothing to roll back to, already ended). */
    public static final String CONFLICT = "ControlConflict";

    /** A value broke a rule. */
    public static final String INVALID = "ControlInvalid";

    private ControlFailures() {}

    public static ApplicationFailure notFound(String kind, String reference) {
        return ApplicationFailure.newNonRetryableFailure(
                kind + " " + reference + " not found", NOT_FOUND, kind, reference);
    }

    public static ApplicationFailure conflict(String field, String message) {
        return ApplicationFailure.newNonRetryableFailure(message, CONFLICT, field, message);
    }

    public static ApplicationFailure invalid(String field, String rule) {
        return ApplicationFailure.newNonRetryableFailure(field + ": " + rule, INVALID, field, rule);
    }
}
