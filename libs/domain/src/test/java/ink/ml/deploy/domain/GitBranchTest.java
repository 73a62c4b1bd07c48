package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitBranchTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "main",
                "feature/login",
                "release-1.2",
                "v1.0.x",
                "user/jo/fix_1",
                "ümlaut",
                "a.b",
                "@foo"
            })
    void acceptsOrdinaryBranchNames(String name) {
        assertThat(GitBranch.of(name).value()).isEqualTo(name);
    }

    @Test
    void defaultsToMain() {
        assertThat(GitBranch.MAIN.value()).isEqualTo("main");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a..b",
                "a b",
                "a\tb",
                "a\u0000b",
                "a\u007fb",
                "a~1",
                "a^",
                "a:b",
                "a?",
                "a*",
                "a[b",
                "a\\b",
                "-delete",
                "/main",
                "main/",
                "a//b",
                "main.lock",
                "a.lock/b",
                "a/.hidden",
                ".hidden",
                "main.",
                "a@{1}",
                "@",
                "HEAD",
                "refs/heads/main"
            })
    void refusesWhatGitCheckRefFormatRefusesNamingTheField(String name) {
        assertThatThrownBy(() -> GitBranch.of(name))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(
                        e -> assertThat(((InvalidValueException) e).field()).isEqualTo("branch"));
    }

    @Test
    void refusesNamesLongerThan255() {
        assertThat(GitBranch.of("b".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> GitBranch.of("b".repeat(256)))
                .hasMessage("branch: must be at most 255 characters (got 256)");
    }

    @Test
    void saysWhichRuleWasBroken() {
        assertThatThrownBy(() -> GitBranch.of("-x"))
                .hasMessage("branch: must not start with '-' (got \"-x\")");
        assertThatThrownBy(() -> GitBranch.of("a..b"))
                .hasMessage("branch: must not contain '..' (got \"a..b\")");
        assertThatThrownBy(() -> GitBranch.of(null)).hasMessage("branch: must not be empty");
    }
}
