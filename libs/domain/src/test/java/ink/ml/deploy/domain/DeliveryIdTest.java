package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"72d3162e-cc78-11e3-81ab-4c9367dc0958", "a", "push_1.2-3", "ABC"})
    void acceptsDeliveryIdsOfGithubAndTheGitServer(String id) {
        assertThat(DeliveryId.of(id).value()).isEqualTo(id);
    }

    @Test
    void acceptsTheLongestId() {
        assertThat(DeliveryId.of("a".repeat(DeliveryId.MAX_LENGTH)).value()).hasSize(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-abc", ".abc", "a b", "a/b", "a:b", "a\nb", "é", "a\u0000"})
    void refusesIdsThatCouldNotBePartOfAWorkflowIdNamingTheField(String id) {
        assertThatThrownBy(() -> DeliveryId.of(id))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidValueException) e).field())
                                        .isEqualTo("deliveryId"))
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void refusesEmptyAndTooLongIds() {
        assertThatThrownBy(() -> DeliveryId.of(null)).hasMessage("deliveryId: must not be empty");
        assertThatThrownBy(() -> DeliveryId.of("")).hasMessage("deliveryId: must not be empty");
        assertThatThrownBy(() -> DeliveryId.of("a".repeat(129)))
                .hasMessage("deliveryId: must be at most 128 characters (got 129)");
    }
}
