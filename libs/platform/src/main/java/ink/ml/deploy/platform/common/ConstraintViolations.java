package ink.ml.deploy.platform.common;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognises which database constraint refused a write. The application services check rules first
 * for a readable error, but two racing requests can both pass the check; then the constraint
 * decides, and this turns its violation back into the same readable error.
 */
public final class ConstraintViolations {
    private ConstraintViolations() {}

    /** True when {@code error} (or one of its causes) is a violation of {@code constraint}. */
    public static boolean violates(Throwable error, String constraint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
