package ink.ml.deploy.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PointInTimeTest {
    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    void aDurationIsThatLongBeforeNow() {
        assertThat(PointInTime.parse("since", "15m", NOW))
                .isEqualTo(Instant.parse("2026-01-31T11:45:00Z"));
    }

    @Test
    void aTimestampIsItselfWhateverItsOffset() {
        assertThat(PointInTime.parse("since", "2026-01-30T08:00:00Z", NOW))
                .isEqualTo(Instant.parse("2026-01-30T08:00:00Z"));
        assertThat(PointInTime.parse("until", "2026-01-30T10:00:00+02:00", NOW))
                .isEqualTo(Instant.parse("2026-01-30T08:00:00Z"));
    }

    @Test
    void anythingElseIsRefusedNamingTheField() {
        for (String text : new String[] {"yesterday", "15 minutes", "2026-01-30", ""}) {
            assertThatThrownBy(() -> PointInTime.parse("since", text, NOW))
                    .as(text)
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("since"));
        }
    }
}
