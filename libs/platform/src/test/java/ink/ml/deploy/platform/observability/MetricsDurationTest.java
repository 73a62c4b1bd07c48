package ink.ml.deploy.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsDurationTest {
    @Test
    void readsPrometheusDurationsOfOneUnit() {
        assertThat(MetricsDuration.parse("range", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(MetricsDuration.parse("range", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(MetricsDuration.parse("range", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(MetricsDuration.parse("range", "7d")).isEqualTo(Duration.ofDays(7));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "1", "h", "1h30m", "1.5h", "-1h", "1w", "1H", "0s", "1 h", "10000000s"})
    void refusesAnythingElseNamingTheField(String text) {
        assertThatThrownBy(() -> MetricsDuration.parse("step", text))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("step"));
    }

    @Test
    void writesASpanInItsLargestWholeUnit() {
        assertThat(MetricsDuration.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(MetricsDuration.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(MetricsDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
    }
}
