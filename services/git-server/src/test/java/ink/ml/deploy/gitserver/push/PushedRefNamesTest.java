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
                "refs/heads/a..b       | not a valid git ref name",
                "refs/heads/a.lock     | not a valid git ref name",
                "refs/heads/           | not a valid git ref name",
                "refs/heads/HEAD       | HEAD is reserved: it cannot name a branch or tag",
                "refs/tags/HEAD        | HEAD is reserved: it cannot name a branch or tag",
                "refs/heads/-x         | no part of the name may start with '-'",
                "refs/heads/--upload-pack=x | no part of the name may start with '-'",
                "refs/heads/team/-x    | no part of the name may start with '-'",
                "refs/tags/-v1         | no part of the name may start with '-'",
                "refs/heads/$(id)      | a name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/`id`       | a name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/a;b        | a name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/café       | a name may contain only ASCII letters, digits and . _ - + /",
                "refs/heads/@          | a name may contain only ASCII letters, digits and . _ - + /",
            })
    void refusesWithTheRuleBroken(String refName, String reason) {
        assertThat(PushedRefNames.refusal(refName)).contains(reason);
    }

    @Test
    void refusesANameLongerThanABranchATrackingServiceCouldName() {
        assertThat(PushedRefNames.refusal("refs/heads/" + "a".repeat(256)))
                .contains("a name may have at most 255 characters");
        assertThat(PushedRefNames.refusal("refs/heads/" + "a".repeat(255))).isEmpty();
    }
}
