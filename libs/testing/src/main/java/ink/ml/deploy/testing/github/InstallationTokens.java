package ink.ml.deploy.testing.github;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Installation access tokens ({@code ghs_…}) as GitHub issues them to an App: valid for an hour,
 * for the repositories of one installation. The git endpoint accepts only these.
 */
final class InstallationTokens {
    static final Duration LIFETIME = Duration.ofHours(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Clock clock;

    InstallationTokens(Clock clock) {
        this.clock = clock;
    }

    record Issued(String token, long installationId, Instant expiresAt) {}

    Issued issue(long installationId) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        Issued token =
                new Issued(
                        "ghs_" + HexFormat.of().formatHex(bytes),
                        installationId,
                        clock.instant().plus(LIFETIME));
        issued.put(token.token(), token);
        count.incrementAndGet();
        return token;
    }

    /** The installation a presented token belongs to, when it was issued here and is unexpired. */
    Optional<Long> installationOf(String token) {
        Issued found = token == null ? null : issued.get(token);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found.installationId());
    }

    int count() {
        return count.get();
    }
}
