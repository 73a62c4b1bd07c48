package ink.ml.deploy.mcp.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in memory, one per key: a bucket holds {@code capacity} tokens, a request takes
 * one, and they come back evenly, {@code capacity} per {@code period}. A bucket is stored as the
 * instant it will be full again, so a full bucket and a forgotten one are the same: full buckets
 * are dropped whenever more than {@code maxKeys} keys are tracked.
 */
final class TokenBuckets {
    private final Duration perToken;
    private final Duration burst;
    private final int maxKeys;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Instant> fullAt = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, Duration period, int maxKeys, InstantSource clock) {
        if (capacity < 1 || period.isNegative() || period.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException(
                    "capacity, period and maxKeys must be positive: "
                            + capacity
                            + ", "
                            + period
                            + ", "
                            + maxKeys);
        }
        this.perToken = period.dividedBy(capacity);
        this.burst = perToken.multipliedBy(capacity - 1L);
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /**
     * Takes a token from the key's bucket; empty if there was one, otherwise how long until there
     * is. A refused request takes nothing, so retrying early does not push the next token away.
     */
    Optional<Duration> take(String key) {
        Instant now = clock.instant();
        if (!fullAt.containsKey(key) && fullAt.size() >= maxKeys) {
            fullAt.values().removeIf(full -> !full.isAfter(now));
            if (fullAt.size() >= maxKeys) {
                // Refusing an address not seen yet, rather than letting it through untracked:
                // otherwise enough addresses would switch the limit off.
                return Optional.of(untilFirstBucketIsFull(now));
            }
        }
        Duration[] wait = {null};
        fullAt.compute(
                key,
                (k, full) -> {
                    Instant from = full == null || full.isBefore(now) ? now : full;
                    Duration missing = Duration.between(now, from);
                    if (missing.compareTo(burst) > 0) {
                        wait[0] = missing.minus(burst);
                        return full;
                    }
                    return from.plus(perToken);
                });
        return Optional.ofNullable(wait[0]);
    }

    int trackedKeys() {
        return fullAt.size();
    }

    private Duration untilFirstBucketIsFull(Instant now) {
        return fullAt.values().stream()
                .min(Comparator.naturalOrder())
                .map(full -> Duration.between(now, full))
                .orElse(perToken);
    }
}
