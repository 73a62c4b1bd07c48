package ink.ml.deploy.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PollBackoffTest {
    private final PollBackoff backoff =
            new PollBackoff(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5));

    @Test
    void doublesUpToItsMax() {
        assertThat(backoff.after(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void honoursALongerRetryAfterButNeverBeyondItsMax() {
        Duration backoffSays = Duration.ofMillis(100);

        assertThat(backoff.pause(backoffSays, Optional.of(Duration.ofMillis(300))))
                .isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.pause(backoffSays, Optional.of(Duration.ofMinutes(10))))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.pause(backoffSays, Optional.of(Duration.ofMillis(-50))))
                .isEqualTo(backoffSays);
        assertThat(backoff.pause(backoffSays, Optional.empty())).isEqualTo(backoffSays);
    }

    @Test
    void refusesBoundsThatDoNotFitTogether() {
        assertThatThrownBy(
                        () ->
                                new PollBackoff(
                                        Duration.ZERO,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("first must be positive");
        assertThatThrownBy(
                        () ->
                                new PollBackoff(
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(5)))
                .hasMessageContaining("max must be at least first");
        assertThatThrownBy(
                        () ->
                                new PollBackoff(
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(3),
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("timeout must be at least first");
    }

    @Test
    void itsDefaultsFit() {
        PollBackoff defaults = PollBackoff.defaults();

        assertThat(defaults.first()).isLessThanOrEqualTo(defaults.max());
        assertThat(defaults.timeout()).isGreaterThan(defaults.max());
    }
}
