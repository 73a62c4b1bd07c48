package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellCommandTest {
    @Test
    void absentOrBlankCommandMeansDetected() {
        assertThat(ShellCommand.checked("startCommand", null)).isNull();
        assertThat(ShellCommand.checked("startCommand", "  ")).isNull();
    }

    @Test
    void commandIsTrimmedAndKeepsTabs() {
        assertThat(ShellCommand.checked("buildCommand", "  make\tall \r\n")).isEqualTo("make\tall");
    }

    @Test
    void commandWithNewlineInsideIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ShellCommand.checked("installCommand", "npm ci\nUSER root"))
                .isInstanceOf(NothingDetectedException.class)
                .hasMessageContaining("installCommand must be a single line")
                .hasMessageContaining("U+000A");
    }

    @Test
    void overlongCommandIsRefused() {
        assertThatThrownBy(() -> ShellCommand.checked("startCommand", "x".repeat(2001)))
                .hasMessageContaining("startCommand is longer than 2000 characters");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '"',
            value = {
                "server.js => server.js",
                "dist/index.js => dist/index.js",
                "my app.js => 'my app.js'",
                "it's.js => 'it'\\''s.js'",
                "$(id).js => '$(id).js'"
            })
    void quoteLeavesPlainWordsAndQuotesTheRest(String word, String quoted) {
        assertThat(ShellCommand.quote(word)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "npm start => exec npm start",
                "exec node s.js => exec node s.js",
                "npm run migrate && npm start => npm run migrate && npm start",
                "a; b => a; b",
                "a | b => a | b",
                "node s.js & => node s.js &"
            })
    void startScriptExecsSimpleCommandsOnly(String start, String script) {
        assertThat(ShellCommand.startScript(start)).isEqualTo(script);
    }
}
