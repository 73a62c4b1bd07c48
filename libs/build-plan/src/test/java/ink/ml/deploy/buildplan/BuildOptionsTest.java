package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.BuildStrategy;
import org.junit.jupiter.api.Test;

class BuildOptionsTest {
    @Test
    void fiveSettingsMeanNoStaticDirectoryAndTheDefaultPort() {
        BuildOptions options = new BuildOptions(BuildStrategy.NODE, "Dockerfile", null, null, "x");

        assertThat(options.staticDirectory()).isNull();
        assertThat(options.port()).isEqualTo(8080);
    }

    @Test
    void blankDockerfilePathMeansDockerfile() {
        assertThat(new BuildOptions(BuildStrategy.AUTO, " ", null, null, null).dockerfilePath())
                .isEqualTo("Dockerfile");
    }

    @Test
    void portOutOfRangeIsRefused() {
        assertThatThrownBy(
                        () ->
                                new BuildOptions(
                                        BuildStrategy.AUTO, null, null, null, null, null, 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be between 1 and 65535");
    }

    @Test
    void portReachesThePlanAndTheImage() {
        var options = new BuildOptions(BuildStrategy.STATIC, null, null, null, null, null, 3000);
        var root = Fixtures.write(newDirectory(), Fixtures.files("index.html", "<html>"));

        GeneratedBuild build =
                (GeneratedBuild) new BuildPlanner(Fixtures.IMAGES).decide(root, options);

        assertThat(build.plan().port()).isEqualTo(3000);
        assertThat(build.dockerfile()).contains("ENV PORT=3000\n", "EXPOSE 3000\n");
    }

    private static java.nio.file.Path newDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("build-options");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
