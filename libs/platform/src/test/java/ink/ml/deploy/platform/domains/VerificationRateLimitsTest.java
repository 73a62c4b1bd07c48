package ink.ml.deploy.platform.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.platform.common.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationRateLimitsTest {
    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final VerificationRateLimits limits =
            new VerificationRateLimits(10, 3, Duration.ofMinutes(1), clock);

    @Test
    void aFourthCheckOfOneDomainWithinAMinuteWaitsForTheOldestToLeave() {
        List<Instant> domain = List.of(START, START.plusSeconds(10), START.plusSeconds(20));
        clock.set(START.plusSeconds(25));

        assertThatThrownBy(
                        () ->
                                limits.requireAllowed(
                                        "app.example.com", domain, domain, clock.instant()))
                .isInstanceOf(RateLimitedException.class)
                .hasMessage(
                        "app.example.com was checked 3 times in the last minute: try again in 35 s"
                                + " (DNS changes can take minutes to show anyway)")
                .extracting(e -> ((RateLimitedException) e).retryAfter())
                .isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void attemptsOlderThanTheWindowNoLongerCount() {
        List<Instant> domain = List.of(START, START.plusSeconds(10), START.plusSeconds(20));
        clock.set(START.plusSeconds(61));

        limits.requireAllowed("app.example.com", domain, domain, clock.instant());

        assertThat(limits.windowStart(clock.instant())).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void anEleventhCheckByOneUserWithinAMinuteIsRefusedWhateverTheDomain() {
        List<Instant> user = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            user.add(START.plusSeconds(i));
        }
        clock.set(START.plusSeconds(30));

        assertThatThrownBy(
                        () ->
                                limits.requireAllowed(
                                        "fresh.example.com", user, List.of(), clock.instant()))
                .isInstanceOf(RateLimitedException.class)
                .hasMessage("you asked for 10 domain checks in the last minute: try again in 30 s")
                .extracting(e -> ((RateLimitedException) e).retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void belowBothLimitsACheckIsAllowed() {
        clock.set(START.plusSeconds(5));

        limits.requireAllowed(
                "app.example.com", List.of(START, START), List.of(START, START), clock.instant());
    }

    @Test
    void theWaitIsAtLeastOneSecondAndRoundsUp() {
        List<Instant> domain =
                List.of(START.plusMillis(100), START.plusMillis(200), START.plusMillis(300));
        clock.set(START.plusSeconds(60));

        assertThatThrownBy(
                        () ->
                                limits.requireAllowed(
                                        "a.example.com", domain, domain, clock.instant()))
                .extracting(e -> ((RateLimitedException) e).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nowIsInMicroseconds() {
        clock.set(START.plusNanos(1_234_567));

        assertThat(limits.now()).isEqualTo(START.plusNanos(1_234_000));
    }

    private static final class MovableClock implements InstantSource {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
