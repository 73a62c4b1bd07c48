package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import ink.ml.deploy.workflow.metrics.DeployStepMeter.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A local Docker engine's BuildKit ({@code DOCKER_BUILDKIT=1 docker build}), then {@code docker
 * push}: for single-machine installs and for tests. The engine must trust the registry when it is
 * plain HTTP ({@code insecure-registries}, written {@code http://host:port} so that its BuildKit
 * trusts it too).
 *
 * <p>Every build resolves its {@code FROM} and {@code COPY --from} images at the registry ({@code
 * --pull}), with the build's own credential: otherwise a later build of another project would find
 * this one's image in the engine by name and use it without the registry ever being asked.
 */
public final class DockerEngineImageBuilder implements ImageBuilder {
    private final String dockerBinary;
    private final String host;
    private final RunNetwork runNetwork;
    private final Duration timeout;
    private final DeployStepMeter steps;

    public DockerEngineImageBuilder(
            String dockerBinary,
            String host,
            RunNetwork runNetwork,
            Duration timeout,
            DeployStepMeter steps) {
        this.dockerBinary = dockerBinary;
        this.host = host;
        this.runNetwork = runNetwork;
        this.timeout = timeout;
        this.steps = steps;
    }

    @Override
    public void buildAndPush(BuildJob job, Consumer<String> output, Cancellation cancellation)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long buildStart = System.nanoTime();
        ProcessOutcome build = null;
        try (DockerClientConfig login = DockerClientConfig.forBuild(job)) {
            build =
                    ProcessRunner.run(
                            buildCommand(job),
                            environment(login),
                            job.context(),
                            timeout,
                            output,
                            cancellation);
        } finally {
            steps.recordSince(Step.BUILD, build != null && build.succeeded(), buildStart);
        }
        if (!build.succeeded()) {
            throw BuildFailures.of(StepFailure.BUILD_FAILED, "the image build", build, timeout);
        }
        output.accept(
                "==> Built in "
                        + StepTimer.millisSince(buildStart)
                        + " ms; pushing "
                        + job.image().reference());
        Duration left = Duration.between(Instant.now(), deadline);
        long pushStart = System.nanoTime();
        ProcessOutcome push = null;
        // The engine pushes from its own network, where the token realm may be out of reach.
        try (DockerClientConfig login = DockerClientConfig.forPush(job)) {
            push =
                    ProcessRunner.run(
                            pushCommand(job),
                            environment(login),
                            job.context(),
                            left.isNegative() ? Duration.ZERO : left,
                            output,
                            cancellation);
        } finally {
            steps.recordSince(Step.PUSH, push != null && push.succeeded(), pushStart);
        }
        if (!push.succeeded()) {
            throw BuildFailures.of(
                    StepFailure.PUSH_FAILED, "pushing " + job.image().reference(), push, timeout);
        }
    }

    List<String> buildCommand(BuildJob job) {
        return List.of(
                dockerBinary,
                "-H",
                host,
                "build",
                "--pull",
                "--network=" + networkMode(),
                "--progress=plain",
                "--label",
                BuildRecipe.LABEL + "=" + job.recipe().fingerprint(),
                "-t",
                job.image().reference(),
                "-f",
                job.dockerfile().toString(),
                job.context().toString());
    }

    /**
     * {@code host} is the network namespace the engine runs in, which for an engine in a build
     * network is that network, behind its filter.
     */
    private String networkMode() {
        return switch (runNetwork) {
            case NONE -> "none";
            case BUILD_DAEMON -> "host";
        };
    }

    List<String> pushCommand(BuildJob job) {
        return List.of(dockerBinary, "-H", host, "push", job.image().reference());
    }

    private static Map<String, String> environment(DockerClientConfig login) {
        Map<String, String> environment = new HashMap<>(login.environment());
        environment.put("DOCKER_BUILDKIT", "1");
        return environment;
    }
}
