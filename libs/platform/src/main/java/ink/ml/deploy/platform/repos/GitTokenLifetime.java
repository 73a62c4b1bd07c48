package ink.ml.deploy.platform.repos;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;

/**
 * How long a push token may work: {@link #DEFAULT} (an hour) unless the caller asks otherwise,
 * between {@link #MIN} and {@link #MAX}. One rule for every front door; each names the lifetime in
 * its own unit and field ({@code ttlSeconds} in GraphQL, {@code ttlMinutes} in MCP).
 */
public final class GitTokenLifetime {
    public static final Duration DEFAULT = Duration.ofHours(1);
    public static final Duration MIN = Duration.ofMinutes(1);
    public static final Duration MAX = Duration.ofDays(30);

    private GitTokenLifetime() {}

    /**
     * @param seconds empty for {@link #DEFAULT}
     * @throws InvalidValueException naming {@code field} when out of bounds
     */
    public static Duration ofSeconds(String field, Integer seconds) {
        return seconds == null
                ? DEFAULT
                : checked(field, Duration.ofSeconds(seconds), seconds + " s");
    }

    /**
     * @param minutes empty for {@link #DEFAULT}
     * @throws InvalidValueException naming {@code field} when out of bounds
     */
    public static Duration ofMinutes(String field, Integer minutes) {
        return minutes == null
                ? DEFAULT
                : checked(field, Duration.ofMinutes(minutes), minutes + " min");
    }

    /**
     * @param ttl empty for {@link #DEFAULT}
     * @throws InvalidValueException naming {@code ttl} when out of bounds
     */
    static Duration of(Duration ttl) {
        return ttl == null ? DEFAULT : checked("ttl", ttl, ttl.toString());
    }

    private static Duration checked(String field, Duration ttl, String given) {
        if (ttl.compareTo(MIN) < 0 || ttl.compareTo(MAX) > 0) {
            throw new InvalidValueException(
                    field, "must be between 1 minute and 30 days (got " + given + ")");
        }
        return ttl;
    }
}
