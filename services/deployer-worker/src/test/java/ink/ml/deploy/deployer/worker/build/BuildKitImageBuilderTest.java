package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No buildkitd runs on these machines: the command line is checked as text, and the handling of
 * buildctl's output and exit code against a stand-in script.
 */
class BuildKitImageBuilderTest {
    private static final PushTarget IMAGE =
            PushTarget.parse(
                    "registry.internal:5000/dp-u42-shop/web:0123456789abcdef0123456789abcdef01234567");

    private static final BuildkitClientTls CLIENT_TLS =
            new BuildkitClientTls(
                    Path.of("/etc/buildkit-client/ca.crt"),
                    Path.of("/etc/buildkit-client/tls.crt"),
                    Path.of("/etc/buildkit-client/tls.key"));

    @TempDir Path dir;

    @Test
    void buildsWithTheDockerfileFrontendResolvingImagesAtTheRegistryWithoutNetworkForRunSteps() {
        BuildKitImageBuilder builder =
                new BuildKitImageBuilder(
                        "buildctl",
                        "tcp://buildkitd:1234",
                        RunNetwork.NONE,
                        Optional.empty(),
                        Duration.ofMinutes(30),
                        new DeployStepMeter(new SimpleMeterRegistry()));
        BuildJob job =
                new BuildJob(
                        Path.of("/work/checkout/web"),
                        Path.of("/work/checkout/web/docker/Dockerfile.prod"),
                        IMAGE,
                        true,
                        new BuildRecipe("web", "docker/Dockerfile.prod"),
                        RegistryLogin.anonymous());

        assertThat(builder.command(job))
                .containsExactly(
                        "buildctl",
                        "--addr",
                        "tcp://buildkitd:1234",
                        "build",
                        "--frontend",
                        "dockerfile.v0",
                        "--local",
                        "context=/work/checkout/web",
                        "--local",
                        "dockerfile=/work/checkout/web/docker",
                        "--opt",
                        "filename=Dockerfile.prod",
                        "--opt",
                        "image-resolve-mode=pull",
                        "--opt",
                        "force-network-mode=none",
                        "--opt",
                        "label:ink.ml.deploy.build-recipe="
                                + new BuildRecipe("web", "docker/Dockerfile.prod").fingerprint(),
                        "--output",
                        "type=image,name="
                                + IMAGE.reference()
                                + ",push=true,registry.insecure=true",
                        "--export-cache",
                        "type=registry,ref=registry.internal:5000/dp-u42-shop/web:buildcache,registry.insecure=true",
                        "--import-cache",
                        "type=registry,ref=registry.internal:5000/dp-u42-shop/web:buildcache,registry.insecure=true",
                        "--progress",
                        "plain");
    }

    @Test
    void runStepsOnTheBuildDaemonsNetworkAreNotForcedOffItAndGetNoExtraEntitlement() {
        BuildKitImageBuilder builder =
                new BuildKitImageBuilder(
                        "buildctl",
                        "tcp://buildkitd:1234",
                        RunNetwork.BUILD_DAEMON,
                        Optional.of(CLIENT_TLS),
                        Duration.ofMinutes(30),
                        new DeployStepMeter(new SimpleMeterRegistry()));

        List<String> command = builder.command(job());

        assertThat(command)
                .as("RUN steps keep the worker's network, the pod's own")
                .noneMatch(argument -> argument.startsWith("force-network-mode"));
        assertThat(command)
                .as("network.host and security.insecure stay unentitled")
                .doesNotContain("--allow");
        assertThat(command.subList(0, command.indexOf("build")))
                .as("buildctl shows its client certificate to buildkitd")
                .containsExactly(
                        "buildctl",
                        "--addr",
                        "tcp://buildkitd:1234",
                        "--tlscacert",
                        "/etc/buildkit-client/ca.crt",
                        "--tlscert",
                        "/etc/buildkit-client/tls.crt",
                        "--tlskey",
                        "/etc/buildkit-client/tls.key");
    }

    @Test
    void runStepsOnBuildkitdsNetworkNeedItsPortToRequireAClientCertificate() {
        assertThatThrownBy(
                        () ->
                                new BuildKitImageBuilder(
                                        "buildctl",
                                        "tcp://buildkitd:1234",
                                        RunNetwork.BUILD_DAEMON,
                                        Optional.empty(),
                                        Duration.ofMinutes(30),
                                        new DeployStepMeter(new SimpleMeterRegistry())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mcpdeploy.builder.buildkit.tls.ca-cert")
                .hasMessageContaining("loopback");
    }

    @Test
    void failedPushIsAPushFailure() throws IOException {
        BuildKitImageBuilder builder =
                stub(
                        "echo '#6 exporting to image'\necho 'error: failed to push "
                                + IMAGE
                                + ": 503'\nexit 1");

        assertThatThrownBy(() -> builder.buildAndPush(job(), line -> {}, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.PUSH_FAILED);
                            assertThat(failure.getOriginalMessage()).contains("failed to push");
                        });
    }

    @Test
    void failedStepIsABuildFailureWithTheOutputsLastLines() throws IOException {
        List<String> lines = new ArrayList<>();
        BuildKitImageBuilder builder =
                stub(
                        "echo '#5 [2/2] RUN make'\necho 'make: *** No rule to make target'\n"
                                + "echo 'error: failed to solve: process \"make\" did not complete'\nexit 1");

        assertThatThrownBy(() -> builder.buildAndPush(job(), lines::add, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.BUILD_FAILED);
                            assertThat(failure.getOriginalMessage())
                                    .contains("exit code 1")
                                    .contains("No rule to make target");
                        });
        assertThat(lines).hasSize(3);
    }

    private BuildKitImageBuilder stub(String script) throws IOException {
        Path buildctl = dir.resolve("buildctl");
        Files.writeString(buildctl, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(buildctl, PosixFilePermissions.fromString("rwx------"));
        return new BuildKitImageBuilder(
                buildctl.toString(),
                "tcp://buildkitd:1234",
                RunNetwork.NONE,
                Optional.empty(),
                Duration.ofMinutes(1),
                new DeployStepMeter(new SimpleMeterRegistry()));
    }

    private BuildJob job() {
        return new BuildJob(
                dir,
                dir.resolve("Dockerfile"),
                IMAGE,
                true,
                new BuildRecipe("", ""),
                RegistryLogin.anonymous());
    }
}
