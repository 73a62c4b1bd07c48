package ink.ml.deploy.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsWindowLimitsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void anHourAtOneMinuteStartsAnHourBeforeTheEnd() {
        MetricsWindow window = new MetricsWindow(NOW, Duration.ofHours(1), Duration.ofMinutes(1));

        assertThat(window.start()).isEqualTo(Instant.parse("2026-12-06T11:00:00Z"));
    }

    @Test
    void tooManyPointsAreRefusedWithTheSmallestStepThatFits() {
        assertThatThrownBy(() -> new MetricsWindow(NOW, Duration.ofDays(1), Duration.ofSeconds(15)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("step");
                            assertThat(e.rule()).contains("at least 87 seconds");
                        });
        assertThat(new MetricsWindow(NOW, Duration.ofDays(1), Duration.ofSeconds(87)).step())
                .hasSeconds(87);
    }

    @Test
    void rangeAndStepOutsideTheirBoundsAreRefusedNamingTheField() {
        assertField(
                () -> new MetricsWindow(NOW, Duration.ofDays(31), Duration.ofHours(1)), "range");
        assertField(() -> new MetricsWindow(NOW, Duration.ZERO, Duration.ofSeconds(1)), "range");
        assertField(
                () -> new MetricsWindow(NOW, Duration.ofMinutes(1), Duration.ofMillis(10)), "step");
    }

    private static void assertField(Runnable window, String field) {
        assertThatThrownBy(window::run)
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
