package ink.ml.deploy.platform.common;

import java.time.Duration;
import java.util.Objects;

/**
 * The caller asked too often; the message says which limit and how long to wait, and {@link
 * #retryAfter()} carries the wait for clients that retry on their own.
 */
public final class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until the same request is allowed again, whole seconds, at least one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
