package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Project, service, repo and user names: every rejection names the field and the rule. */
class NamesTest {

    record NameRule(String field, Function<String, ?> parse, int maxLength) {
        @Override
        public String toString() {
            return field;
        }
    }

    static Stream<NameRule> userGivenNames() {
        return Stream.of(
                new NameRule("project", ProjectName::of, ProjectName.MAX_LENGTH),
                new NameRule("service", ServiceName::of, ServiceName.MAX_LENGTH),
                new NameRule("repo", RepoName::of, RepoName.MAX_LENGTH),
                new NameRule("userId", UserId::of, UserId.MAX_LENGTH));
    }

    static Stream<Arguments> badNames() {
        return userGivenNames()
                .flatMap(
                        rule ->
                                Stream.of(
                                                "",
                                                "Web",
                                                "-web",
                                                "web-",
                                                "wéb",
                                                "we..b",
                                                "we b",
                                                " web",
                                                "web\n",
                                                "we_b",
                                                "we/b",
                                                "../etc",
                                                "web\u0000",
                                                "ｗｅｂ",
                                                "a".repeat(rule.maxLength() + 1))
                                        .map(bad -> Arguments.of(rule, bad)));
    }

    @ParameterizedTest(name = "{0} rejects \"{1}\"")
    @MethodSource("badNames")
    void rejectsNamesThatAreNotDnsLabelsNamingTheField(NameRule rule, String bad) {
        assertThatThrownBy(() -> rule.parse().apply(bad))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(
                        e -> {
                            InvalidValueException invalid = (InvalidValueException) e;
                            assertThat(invalid.field()).isEqualTo(rule.field());
                            assertThat(invalid.rule()).isNotBlank();
                            assertThat(invalid.getMessage()).startsWith(rule.field() + ": ");
                        });
    }

    @ParameterizedTest(name = "{0} rejects null")
    @MethodSource("userGivenNames")
    void rejectsNull(NameRule rule) {
        assertThatThrownBy(() -> rule.parse().apply(null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(rule.field() + ": must not be empty");
    }

    @ParameterizedTest(name = "{0} accepts its maximum length")
    @MethodSource("userGivenNames")
    void acceptsNamesUpToTheirMaximumLength(NameRule rule) {
        assertThat(rule.parse().apply("a".repeat(rule.maxLength()))).isNotNull();
    }

    @Test
    void rejectionMessageSaysTheLimitAndTheLength() {
        assertThatThrownBy(() -> ProjectName.of("p".repeat(25)))
                .hasMessage("project: must be at most 24 characters (got 25)");
    }

    @Test
    void echoesControlCharactersEscapedSoTheyCannotForgeLogLines() {
        assertThatThrownBy(() -> RepoName.of("a\nb"))
                .hasMessageContaining("a\\u000ab")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1web", "9"})
    void serviceNamesMustStartWithALetterBecauseTheyNameKubernetesServices(String name) {
        assertThatThrownBy(() -> ServiceName.of(name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("service: must start with a letter a-z");
    }

    @Test
    void projectAndRepoNamesMayStartWithADigit() {
        assertThat(ProjectName.of("2048-game").value()).isEqualTo("2048-game");
        assertThat(RepoName.of("9lives").value()).isEqualTo("9lives");
    }

    @Test
    void userIdsHaveNoHyphenSoNamespacesSplitUnambiguously() {
        assertThatThrownBy(() -> UserId.of("ab-cd"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("userId: must consist of lowercase letters a-z and digits 0-9 only");
    }

    @Test
    void longestNamesStillFitEveryDerivedKubernetesAndDnsLimit() {
        ServiceRef longest =
                new ServiceRef(
                        UserId.of("u".repeat(UserId.MAX_LENGTH)),
                        ProjectName.of("p".repeat(ProjectName.MAX_LENGTH)),
                        ServiceName.of("s".repeat(ServiceName.MAX_LENGTH)));

        assertThat(longest.namespace()).hasSizeLessThanOrEqualTo(DnsLabel.MAX_LENGTH);
        assertThat(longest.hostLabel()).hasSizeLessThanOrEqualTo(DnsLabel.MAX_LENGTH);
        // The derived labels are themselves valid DNS-1123 labels.
        DnsLabel.requireRfc1123("namespace", longest.namespace(), DnsLabel.MAX_LENGTH);
        DnsLabel.requireRfc1123("hostLabel", longest.hostLabel(), DnsLabel.MAX_LENGTH);
    }
}
