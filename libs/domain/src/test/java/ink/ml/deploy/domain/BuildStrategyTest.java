package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuildStrategyTest {

    @Test
    void parsesTheStrategiesThatExist() {
        assertThat(BuildStrategy.parse("dockerfile")).isEqualTo(BuildStrategy.DOCKERFILE);
        assertThat(BuildStrategy.DOCKERFILE.id()).isEqualTo("dockerfile");
    }

    @Test
    void refusesOthersListingTheChoices() {
        assertThatThrownBy(() -> BuildStrategy.parse("nixpacks"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "buildStrategy: must be one of auto, dockerfile, node, python, go, static, java (got \"nixpacks\")");
        assertThatThrownBy(() -> BuildStrategy.parse("DOCKERFILE"))
                .hasMessageStartingWith("buildStrategy: ");
        assertThatThrownBy(() -> BuildStrategy.parse(null))
                .hasMessage(
                        "buildStrategy: must be one of auto, dockerfile, node, python, go, static, java");
    }

    @Test
    void aRefusalNamesTheFieldAsTheCallersApiCallsIt() {
        assertThat(BuildStrategy.parse("build", "python")).isEqualTo(BuildStrategy.PYTHON);
        assertThatThrownBy(() -> BuildStrategy.parse("build", "rust"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "build: must be one of auto, dockerfile, node, python, go, static, java"
                                + " (got \"rust\")");
    }
}
