package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileDetectorTest {
    @TempDir Path checkout;

    @Test
    void findsTheDockerfileInTheRootDirectoryAndItsPort() throws IOException {
        write("web/Dockerfile", "FROM scratch\nEXPOSE 8080\n");

        DetectedBuild build = DockerfileDetector.detect(checkout, "web", "Dockerfile");

        assertThat(build.context()).isEqualTo(checkout.toRealPath().resolve("web"));
        assertThat(build.dockerfile()).isEqualTo(checkout.toRealPath().resolve("web/Dockerfile"));
        assertThat(build.exposedPort()).isEqualTo(8080);
        assertThat(build.displayPath()).isEqualTo("web/Dockerfile");
    }

    @Test
    void lastExposeWinsAndItsFirstPortWithoutProtocol() {
        String dockerfile =
                """
                FROM scratch
                EXPOSE 3000
                # EXPOSE 9999
                expose 8080/tcp 9090
                CMD ["/app"]
                """;

        assertThat(DockerfileDetector.lastExposedPort(dockerfile)).isEqualTo(8080);
    }

    @Test
    void exposeContinuedOnTheNextLineCounts() {
        assertThat(DockerfileDetector.lastExposedPort("FROM scratch\nEXPOSE \\\n  5000\n"))
                .isEqualTo(5000);
    }

    @Test
    void noPortWithoutExposeOrWithOnlyAVariable() {
        assertThat(DockerfileDetector.lastExposedPort("FROM scratch\n")).isNull();
        assertThat(DockerfileDetector.lastExposedPort("FROM scratch\nEXPOSE 80\nEXPOSE $PORT\n"))
                .isNull();
    }

    @Test
    void missingDockerfileTellsTheUserWhatToDo() {
        assertThatThrownBy(() -> DockerfileDetector.detect(checkout, "api", "Dockerfile"))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.NO_DOCKERFILE);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage())
                                    .isEqualTo(
                                            "no Dockerfile at api/Dockerfile: add one, or set the"
                                                    + " Dockerfile path");
                        });
    }

    @Test
    void refusesPathsThatLeaveTheCheckout() {
        assertThatThrownBy(() -> DockerfileDetector.detect(checkout, "..", "Dockerfile"))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getType()).isEqualTo(StepFailure.NO_DOCKERFILE));
        assertThatThrownBy(() -> DockerfileDetector.detect(checkout, "", "/etc/passwd"))
                .isInstanceOf(ApplicationFailure.class);
    }

    @Test
    void refusesADockerfileThatIsASymlinkOutOfTheCheckout(@TempDir Path outside)
            throws IOException {
        Files.writeString(outside.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(checkout.resolve("Dockerfile"), outside.resolve("Dockerfile"));

        assertThatThrownBy(() -> DockerfileDetector.detect(checkout, "", "Dockerfile"))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getOriginalMessage()).contains("symbolic link"));
    }

    private void write(String path, String content) throws IOException {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
