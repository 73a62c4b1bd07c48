package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternalRepoPathTest {

    @Test
    void parsesUserProjectAndRepo() {
        InternalRepoPath path = InternalRepoPath.parse("alice/shop/web-app");

        assertThat(path.user()).isEqualTo(UserId.of("alice"));
        assertThat(path.project()).isEqualTo(ProjectName.of("shop"));
        assertThat(path.repo()).isEqualTo(RepoName.of("web-app"));
        assertThat(path.value()).isEqualTo("alice/shop/web-app");
        assertThat(InternalRepoPath.of("alice", "shop", "web-app")).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "alice/web",
                "alice/shop/web/more",
                "/alice/shop/web",
                "alice/shop/web.git",
                "alice/../web",
                "Alice/shop/web",
                "al-ice/shop/web",
                "alice/shop/"
            })
    void refusesAnythingButThreeLabelsNamingTheField(String path) {
        assertThatThrownBy(() -> InternalRepoPath.parse(path))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("repoPath");
    }
}
