package ink.ml.deploy.gitserver.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PushedRefNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "refs/heads/main",
                "refs/heads/feature/login-form",
                "refs/heads/release_1.2",
                "refs/heads/team/HEAD-fix",
                "refs/tags/v1.0.0",
                "refs/tags/v1.0+build.7",
            })
    void acceptsBranchesAndTagsWithPlainNames(String refName) {
        assertThat(PushedRefNames.refusal(refName)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "refs/x/y              | only branches (refs/heads/*) and tags (refs/tags/*) can be"
                        + " pushed",
                "refs/meta/config      | only branches (refs/heads/*) and tags (refs/tags/*) can be"
                        + " pushed",
                "refs/notes/commits    | only branches (refs/heads/*) and tags (refs/tags/*) can be"
                        + " pushed",
                "HEAD                  | only branches (refs/heads/*) and tags (refs/tags/*) can be"
                        + " pushed",
                "refs/heads/a..b | a branch name must not contain '..'",
                "refs/heads/a.lock | a branch name must not have a part (between '/') ending with '.lock'",
                "refs/heads/ | a branch name must not be empty",
                "refs/heads/HEAD | a branch name must not be HEAD: git reserves it for the checked-out commit",
                "refs/tags/HEAD | a tag name must not be HEAD: git reserves it for the checked-out commit",
                "refs/heads/refs/heads/main | a branch name must be the short name (e.g. main), not a full ref",
                "refs/heads/-x | a branch name must not have a part (between '/') starting with '-'",
                "refs/heads/--upload-pack=x | a branch name must not have a part (between '/') starting with '-'",
                "refs/heads/team/-x | a branch name must not have a part (between '/') starting with '-'",
                "refs/tags/-v1 | a tag name must not have a part (between '/') starting with '-'",
                "refs/heads/$(id) | a branch name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/`id` | a branch name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/a;b | a branch name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/café | a branch name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/@ | a branch name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/a@{1} | a branch name may contain only ASCII letters, digits and . _ - + /",
            })
    void refusesWithTheRuleBroken(String refName, String reason) {
        assertThat(PushedRefNames.refusal(refName)).contains(reason);
    }

    @Test
    void refusesANameLongerThanABranchATrackingServiceCouldName() {
        assertThat(PushedRefNames.refusal("refs/heads/" + "a".repeat(256)))
                .contains("a branch name must be at most 255 characters (got 256)");
        assertThat(PushedRefNames.refusal("refs/heads/" + "a".repeat(255))).isEmpty();
    }
}
