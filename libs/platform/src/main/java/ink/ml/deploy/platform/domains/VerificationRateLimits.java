package ink.ml.deploy.platform.domains;

import ink.ml.deploy.platform.common.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How often verification may be asked for: each request makes DNS queries to the domain's name
 * servers, so one user may not flood them, nor make the platform hammer one domain. A sliding
 * window: at most {@code perUser} requests of one user and {@code perDomain} requests for one
 * domain name within {@code window}. Counted in the database, so every front door and replica share
 * the count.
 */
public final class VerificationRateLimits {
    /** 10 requests a minute per user, 3 a minute per domain. */
    public static final VerificationRateLimits STANDARD =
            new VerificationRateLimits(10, 3, Duration.ofMinutes(1), InstantSource.system());

    private final int perUser;
    private final int perDomain;
    private final Duration window;
    private final InstantSource clock;

    public VerificationRateLimits(
            int perUser, int perDomain, Duration window, InstantSource clock) {
        if (perUser < 1 || perDomain < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.perUser = perUser;
        this.perDomain = perDomain;
        this.window = window;
        this.clock = clock;
    }

    /** Now, as PostgreSQL stores it (microseconds). */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Attempts before this no longer count. */
    Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * Refuses a new request when the user's or the domain's recent attempts (those after {@link
     * #windowStart}, any order) already fill their limit, saying how long to wait.
     */
    void requireAllowed(
            String domain, List<Instant> userAttempts, List<Instant> domainAttempts, Instant now) {
        Duration domainWait = waitFor(domainAttempts, perDomain, now);
        Duration userWait = waitFor(userAttempts, perUser, now);
        if (!domainWait.isZero() && domainWait.compareTo(userWait) >= 0) {
            throw new RateLimitedException(
                    domain
                            + " was checked "
                            + perDomain
                            + " times in the last "
                            + describe(window)
                            + ": try again in "
                            + domainWait.toSeconds()
                            + " s"
                            + " (DNS changes can take minutes to show anyway)",
                    domainWait);
        }
        if (!userWait.isZero()) {
            throw new RateLimitedException(
                    "you asked for "
                            + perUser
                            + " domain checks in the last "
                            + describe(window)
                            + ": try again in "
                            + userWait.toSeconds()
                            + " s",
                    userWait);
        }
    }

    /** Zero when another attempt fits; else until the oldest attempt that fills it leaves. */
    private Duration waitFor(List<Instant> attempts, int limit, Instant now) {
        List<Instant> recent =
                attempts.stream().filter(a -> a.isAfter(windowStart(now))).sorted().toList();
        if (recent.size() < limit) {
            return Duration.ZERO;
        }
        Instant frees = recent.get(recent.size() - limit).plus(window);
        long seconds = (Duration.between(now, frees).toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes == 1 ? "minute" : minutes + " minutes";
        }
        return seconds + " s";
    }
}
