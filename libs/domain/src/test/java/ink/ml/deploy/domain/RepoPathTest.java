package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoPathTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Dockerfile",
                "docker/Dockerfile.prod",
                "apps/web",
                "a/.github/x",
                "a..b/c",
                "..."
            })
    void acceptsRelativePathsInsideTheRepository(String path) {
        assertThat(RepoPath.file("dockerfilePath", path).value()).isEqualTo(path);
        assertThat(RepoPath.directory("rootDirectory", path).value()).isEqualTo(path);
    }

    @Test
    void theEmptyDirectoryIsTheRepositoryRoot() {
        RepoPath root = RepoPath.directory("rootDirectory", "");
        assertThat(root.isRoot()).isTrue();
        assertThat(root).isEqualTo(RepoPath.ROOT);
    }

    @Test
    void aFileMustBeNamed() {
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", ""))
                .hasMessage("dockerfilePath: must not be empty");
        assertThatThrownBy(() -> RepoPath.directory("rootDirectory", null))
                .hasMessageStartingWith("rootDirectory: must not be null");
    }

    @Test
    void refusesAbsolutePaths() {
        assertThatThrownBy(() -> RepoPath.directory("rootDirectory", "/etc"))
                .hasMessage(
                        "rootDirectory: must be relative to the repository root, not an absolute"
                                + " path (got \"/etc\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../../b", "a/..", "a/../b"})
    void refusesDotDotSegments(String path) {
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", path))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(
                        "dockerfilePath: must not contain '..' segments: it cannot leave the"
                                + " repository");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "./Dockerfile", "a/./b"})
    void refusesDotSegmentsInsteadOfNormalizingThem(String path) {
        assertThatThrownBy(() -> RepoPath.directory("rootDirectory", path))
                .hasMessageStartingWith("rootDirectory: must not contain '.' segments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/", "apps/web/"})
    void refusesEmptySegments(String path) {
        assertThatThrownBy(() -> RepoPath.directory("rootDirectory", path))
                .hasMessageStartingWith("rootDirectory: must not contain empty segments");
    }

    @Test
    void refusesNulBackslashesAndControlCharacters() {
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", "a\u0000b"))
                .hasMessage("dockerfilePath: must not contain NUL characters (got \"a\\u0000b\")");
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", "a\\b"))
                .hasMessageStartingWith("dockerfilePath: must separate directories with '/'");
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", "..\\x"))
                .hasMessageStartingWith("dockerfilePath: must separate directories with '/'");
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", "a\nb"))
                .hasMessageStartingWith("dockerfilePath: must not contain control characters");
    }

    @Test
    void refusesPathsLongerThan255() {
        assertThat(RepoPath.file("dockerfilePath", "d".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> RepoPath.file("dockerfilePath", "d".repeat(256)))
                .hasMessage("dockerfilePath: must be at most 255 characters (got 256)");
    }
}
