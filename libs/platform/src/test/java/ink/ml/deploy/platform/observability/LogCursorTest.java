package ink.ml.deploy.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LogCursorTest {
    @Test
    void aCursorReadsBackAsWrittenToTheNanosecond() {
        LogCursor cursor =
                new LogCursor(
                        Instant.parse("2026-01-31T12:00:00.123456789Z"),
                        Instant.parse("2026-01-31T11:00:00Z"));

        assertThat(LogCursor.decode("after", cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("2026");
    }

    @Test
    void whatThisApiDidNotHandOutIsRefusedNamingTheArgument() {
        String reversed =
                Base64.getUrlEncoder()
                        .encodeToString(
                                "2026-01-31T11:00:00Z/2026-01-31T12:00:00Z"
                                        .getBytes(StandardCharsets.UTF_8));
        for (String text : new String[] {"not-a-cursor", "", "!!!", reversed, "MTIz"}) {
            assertThatThrownBy(() -> LogCursor.decode("after", text))
                    .as(text)
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("after"));
        }
    }
}
