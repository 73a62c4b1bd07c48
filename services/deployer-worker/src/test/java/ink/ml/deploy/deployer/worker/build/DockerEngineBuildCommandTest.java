package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code docker build} command line as text; the builds themselves run in the neighbours. */
class DockerEngineBuildCommandTest {
    private static final PushTarget IMAGE =
            PushTarget.parse(
                    "127.0.0.1:5000/dp-u42-shop/web:0123456789abcdef0123456789abcdef01234567");

    @Test
    void runStepsGetNoNetworkByDefault() {
        assertThat(builder(RunNetwork.NONE).buildCommand(job()))
                .contains("--network=none")
                .doesNotContain("--network=host");
    }

    @Test
    void runStepsOnTheBuildDaemonsNetworkShareTheEnginesNamespace() {
        assertThat(builder(RunNetwork.BUILD_DAEMON).buildCommand(job()))
                .contains("--network=host", "--pull")
                .doesNotContain("--network=none");
    }

    private static DockerEngineImageBuilder builder(RunNetwork runNetwork) {
        return new DockerEngineImageBuilder(
                "/usr/bin/docker",
                "unix:///tmp/d/docker.sock",
                runNetwork,
                Duration.ofMinutes(5),
                new DeployStepMeter(new SimpleMeterRegistry()));
    }

    private static BuildJob job() {
        return new BuildJob(
                Path.of("/work/checkout/web"),
                Path.of("/work/checkout/web/Dockerfile"),
                IMAGE,
                true,
                new BuildRecipe("", "Dockerfile"),
                RegistryLogin.anonymous());
    }
}
