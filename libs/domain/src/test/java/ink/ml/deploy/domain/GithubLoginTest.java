package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GithubLoginTest {

    @ParameterizedTest
    @ValueSource(strings = {"octocat", "Octo-Cat", "a", "x1", "legacy--name", "legacy-", "ABC123"})
    void acceptsLoginsGithubHandsOut(String login) {
        assertThat(GithubLogin.of(login).value()).isEqualTo(login);
    }

    @Test
    void acceptsTheLongestLogin() {
        String longest = "a".repeat(GithubLogin.MAX_LENGTH);
        assertThat(GithubLogin.of(longest).value()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-octocat",
                "octo_cat",
                "octo.cat",
                "octo cat",
                "octo/cat",
                "../etc",
                "octocät",
                "octocat\n",
                "octo\u0000cat"
            })
    void refusesLoginsGithubNeverHandsOutNamingTheField(String login) {
        assertThatThrownBy(() -> GithubLogin.of(login))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("login"))
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void refusesEmptyAndTooLongLogins() {
        assertThatThrownBy(() -> GithubLogin.of(null)).hasMessage("login: must not be empty");
        assertThatThrownBy(() -> GithubLogin.of("")).hasMessage("login: must not be empty");
        assertThatThrownBy(() -> GithubLogin.of("a".repeat(40)))
                .hasMessage("login: must be at most 39 characters (got 40)");
    }
}
