package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubRepoTest {

    @Test
    void parsesOwnerAndNameKeepingTheirCase() {
        GitHubRepo repo = GitHubRepo.parse("Octo-Cat/hello.world_2-x");
        assertThat(repo.owner()).isEqualTo("Octo-Cat");
        assertThat(repo.name()).isEqualTo("hello.world_2-x");
        assertThat(repo).hasToString("Octo-Cat/hello.world_2-x");
    }

    @Test
    void acceptsTheLongestOwnerAndName() {
        String ref = "o".repeat(39) + "/" + "n".repeat(100);
        assertThat(GitHubRepo.parse(ref).toString()).isEqualTo(ref);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/a/b",
                "http://github.com/a/b",
                "git@github.com:a/b",
                "ssh://git@github.com/a/b",
                "github.com/a/b",
                "a/b c",
                " a/b",
                "a/b\n",
                "file:///etc/passwd",
            })
    void refusesUrlsAskingForOwnerSlashName(String ref) {
        assertThatThrownBy(() -> GitHubRepo.parse(ref))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(
                        "githubRepo: repo references cannot be URLs: give owner/name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b/c", "ab", "a/", "/b", "a//b", "/"})
    void refusesAnythingButExactlyOneSlash(String ref) {
        assertThatThrownBy(() -> GitHubRepo.parse(ref))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidValueException) e).field())
                                        .isEqualTo("githubRepo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "-a/b", "a_b/c", "a.b/c", "ä/b"})
    void refusesOwnersThatAreNotGitHubAccountNames(String ref) {
        assertThatThrownBy(() -> GitHubRepo.parse(ref))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(
                        "githubRepo: the owner must consist of letters A-Z, digits 0-9 and '-'");
    }

    @Test
    void refusesAnOwnerLongerThan39() {
        assertThatThrownBy(() -> GitHubRepo.parse("o".repeat(40) + "/b"))
                .hasMessage("githubRepo: the owner must be at most 39 characters (got 40)");
    }

    @Test
    void acceptsOwnersOfOlderAccountsWithTrailingHyphens() {
        assertThat(GitHubRepo.parse("old-/repo").owner()).isEqualTo("old-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b+c", "a/b%2e", "a/ä", "a/b?x"})
    void refusesRepositoryNamesWithOtherCharacters(String ref) {
        assertThatThrownBy(() -> GitHubRepo.parse(ref))
                .hasMessageStartingWith("githubRepo: the repository name must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/.", "a/.."})
    void refusesDotNames(String ref) {
        assertThatThrownBy(() -> GitHubRepo.parse(ref))
                .hasMessage("githubRepo: the repository name must not be \".\" or \"..\"");
    }

    @Test
    void refusesANameLongerThan100() {
        assertThatThrownBy(() -> GitHubRepo.parse("a/" + "n".repeat(101)))
                .hasMessageStartingWith("githubRepo: the repository name must be");
    }

    @Test
    void refusesEmptyAndNull() {
        assertThatThrownBy(() -> GitHubRepo.parse(""))
                .hasMessageStartingWith("githubRepo: must not be empty");
        assertThatThrownBy(() -> GitHubRepo.parse(null))
                .hasMessageStartingWith("githubRepo: must not be empty");
    }

    @Test
    void echoesRejectedInputWithoutControlCharacters() {
        assertThatThrownBy(() -> GitHubRepo.parse("a/b\r\nX-Forged: 1"))
                .hasMessageNotContaining("\n")
                .hasMessageContaining("\\u000d\\u000a");
    }
}
