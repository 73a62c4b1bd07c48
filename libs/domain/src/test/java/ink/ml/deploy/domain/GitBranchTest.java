package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitBranchTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "main",
                "feature/login",
                "feature/x-1",
                "release/1.2.3",
                "release-1.2",
                "v1.0.x",
                "user/jo/fix_1",
                "a+b",
                "a_b",
                "a.b",
                "team/HEAD-fix",
                "x-"
            })
    void acceptsPlainBranchNames(String name) {
        assertThat(GitBranch.of(name).value()).isEqualTo(name);
        assertThat(GitBranch.ruleBrokenBy(name)).isEmpty();
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

    /**
     * Names git itself accepts but the git-server refuses to store: a service set to track one
     * would wait for a push that can never arrive.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "$(id)       | may contain only ASCII letters, digits and . _ - + /",
                "`id`        | may contain only ASCII letters, digits and . _ - + /",
                "a;b         | may contain only ASCII letters, digits and . _ - + /",
                "'a b'       | may contain only ASCII letters, digits and . _ - + /",
                "a@{1}       | may contain only ASCII letters, digits and . _ - + /",
                "@foo        | may contain only ASCII letters, digits and . _ - + /",
                "ümlaut      | may contain only ASCII letters, digits and . _ - + /",
                "café        | may contain only ASCII letters, digits and . _ - + /",
                "-x          | must not have a part (between '/') starting with '-'",
                "a/-x        | must not have a part (between '/') starting with '-'",
                "--upload-pack=x | must not have a part (between '/') starting with '-'",
                "HEAD        | must not be HEAD: git reserves it for the checked-out commit",
            })
    void refusesNamesTheGitServerWouldNotStore(String name, String rule) {
        assertThatThrownBy(() -> GitBranch.of(name))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("branch");
                            assertThat(e.rule()).isEqualTo(rule + " (got \"" + name + "\")");
                        });
        assertThat(GitBranch.ruleBrokenBy(name)).contains(rule);
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
                .hasMessage(
                        "branch: must not have a part (between '/') starting with '-' (got \"-x\")");
        assertThatThrownBy(() -> GitBranch.of("a..b"))
                .hasMessage("branch: must not contain '..' (got \"a..b\")");
        assertThatThrownBy(() -> GitBranch.of("a b"))
                .hasMessage(
                        "branch: may contain only ASCII letters, digits and . _ - + / (got \"a"
                                + " b\")");
        assertThatThrownBy(() -> GitBranch.of("refs/heads/main"))
                .hasMessage(
                        "branch: must be the short name (e.g. main), not a full ref (got"
                                + " \"refs/heads/main\")");
        assertThatThrownBy(() -> GitBranch.of(null)).hasMessage("branch: must not be empty");
    }

    @Test
    void echoesControlCharactersEscapedSoTheyCannotForgeALogLine() {
        assertThatThrownBy(() -> GitBranch.of("a\nb"))
                .hasMessage(
                        "branch: may contain only ASCII letters, digits and . _ - + / (got"
                                + " \"a\\u000ab\")");
    }
}
