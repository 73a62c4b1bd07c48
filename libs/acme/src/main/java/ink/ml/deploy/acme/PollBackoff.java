package ink.ml.deploy.acme;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait between two looks at a challenge or an order the ACME server is still working
 * on: {@code first}, doubled after each look up to {@code max}, for at most {@code timeout} per
 * wait. A Retry-After from the server is honoured when it asks for longer, but never beyond {@code
 * max}, so that a wait stays bounded whatever the server says.
 */
public record PollBackoff(Duration first, Duration max, Duration timeout) {

    public PollBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(timeout, "timeout");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first must be positive (got " + first + ")");
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "max must be at least first (" + first + "; got " + max + ")");
        }
        if (timeout.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "timeout must be at least first (" + first + "; got " + timeout + ")");
        }
    }

    /**
     * Half a second, doubling up to 10 s, for at most 3 minutes per wait: Let's Encrypt validates
     * within seconds and asks clients to poll no more often than that.
     */
    public static PollBackoff defaults() {
        return new PollBackoff(
                Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(3));
    }

    /** The pause after {@code previous}: twice as long, up to {@link #max()}. */
    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /**
     * The pause to take when the backoff says {@code backoff} and the server asked for {@code
     * retryAfter} (from now): the longer of the two, but never more than {@link #max()}.
     */
    Duration pause(Duration backoff, Optional<Duration> retryAfter) {
        Duration wanted = retryAfter.filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
        return wanted.compareTo(max) > 0 ? max : wanted;
    }
}
