package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealPartsTest {
    private static final Optional<String> MISSING = Optional.of("Debian's docker.io is missing");

    @Test
    void aMissingPartSkipsTheTestOutsideCi() {
        assertThatThrownBy(() -> RealParts.require(MISSING, Map.of()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Debian's docker.io is missing");
        assertThatThrownBy(() -> RealParts.require(MISSING, Map.of("CI", "false")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aMissingPartFailsTheTestInCi() {
        assertThatThrownBy(() -> RealParts.require(MISSING, Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(
                        "a real part is missing in CI (CI=true), where every part must run:"
                                + " Debian's docker.io is missing");
        assertThatThrownBy(() -> RealParts.require(MISSING, Map.of("CI", "TRUE")))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void aPartThatIsThereLetsTheTestRunInAndOutOfCi() {
        assertThatCode(() -> RealParts.require(Optional.empty(), Map.of("CI", "true")))
                .doesNotThrowAnyException();
        assertThatCode(() -> RealParts.require(Optional.empty(), Map.of()))
                .doesNotThrowAnyException();
        assertThatCode(() -> RealParts.require(true, () -> "never asked"))
                .doesNotThrowAnyException();
    }
}
