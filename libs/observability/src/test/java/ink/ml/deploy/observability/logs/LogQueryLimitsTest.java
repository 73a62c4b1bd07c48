package ink.ml.deploy.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogQueryLimitsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aWindowOfAtMostSevenDaysAndAPageOfAtMostAThousandLinesAreAccepted() {
        LogQuery widest =
                new LogQuery(
                        NOW.minus(Duration.ofDays(7)),
                        NOW,
                        Optional.of("GET /health"),
                        LogQuery.MAX_LIMIT,
                        Optional.empty());

        assertThat(widest.limit()).isEqualTo(1000);
        assertThat(widest.search()).contains("GET /health");
    }

    @Test
    void eachBrokenLimitIsRefusedNamingItsField() {
        assertRefused(NOW.minus(Duration.ofDays(8)), NOW, "", 100, "since");
        assertRefused(NOW, NOW, "", 100, "since");
        assertRefused(NOW.minusSeconds(60), NOW, "", 0, "limit");
        assertRefused(NOW.minusSeconds(60), NOW, "", 1001, "limit");
        assertRefused(NOW.minusSeconds(60), NOW, "x".repeat(257), 100, "search");
        assertRefused(NOW.minusSeconds(60), NOW, "a\nb", 100, "search");
    }

    @Test
    void anEmptySearchMeansNoSearch() {
        assertThat(
                        new LogQuery(
                                        NOW.minusSeconds(60),
                                        NOW,
                                        Optional.of(""),
                                        10,
                                        Optional.empty())
                                .search())
                .isEmpty();
    }

    private static void assertRefused(
            Instant since, Instant until, String search, int limit, String field) {
        assertThatThrownBy(
                        () ->
                                new LogQuery(
                                        since, until, Optional.of(search), limit, Optional.empty()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
