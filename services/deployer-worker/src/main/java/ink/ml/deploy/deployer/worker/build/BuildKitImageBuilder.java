package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import ink.ml.deploy.workflow.metrics.DeployStepMeter.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * BuildKit through {@code buildctl} against the build pool's {@code buildkitd}: the Dockerfile
 * frontend builds, the image exporter pushes, and the layer cache lives in the registry next to the
 * image ({@code :buildcache}), so any buildkitd replica reuses any earlier build's layers.
 *
 * <p>Build and push are one command here; a failure is reported as a push failure when the output
 * shows the exporter's push failing, as a build failure otherwise.
 */
public final class BuildKitImageBuilder implements ImageBuilder {
    private final String buildctl;
    private final String address;
    private final RunNetwork runNetwork;
    private final Optional<BuildkitClientTls> tls;
    private final Duration timeout;
    private final DeployStepMeter steps;

    public BuildKitImageBuilder(
            String buildctl,
            String address,
            RunNetwork runNetwork,
            Optional<BuildkitClientTls> tls,
            Duration timeout,
            DeployStepMeter steps) {
        if (runNetwork == RunNetwork.BUILD_DAEMON && tls.isEmpty()) {
            throw new IllegalArgumentException(
                    "mcpdeploy.builder.run-network=build-daemon with BuildKit needs"
                            + " mcpdeploy.builder.buildkit.tls.ca-cert, .cert and .key: RUN steps"
                            + " then share buildkitd's network, loopback included, so its gRPC port"
                            + " must require a client certificate they do not hold");
        }
        this.buildctl = buildctl;
        this.address = address;
        this.runNetwork = runNetwork;
        this.tls = tls;
        this.timeout = timeout;
        this.steps = steps;
    }

    @Override
    public void buildAndPush(BuildJob job, Consumer<String> output, Cancellation cancellation)
            throws InterruptedException {
        long start = System.nanoTime();
        ProcessOutcome outcome = null;
        // buildctl fetches tokens on the deployer's side of the session, for pulls and push alike.
        try (DockerClientConfig login = DockerClientConfig.forBuild(job)) {
            outcome =
                    ProcessRunner.run(
                            command(job),
                            login.environment(),
                            job.context(),
                            timeout,
                            output,
                            cancellation);
        } finally {
            steps.recordSince(Step.BUILD_AND_PUSH, outcome != null && outcome.succeeded(), start);
        }
        if (!outcome.succeeded()) {
            String type =
                    !outcome.timedOut() && pushFailed(outcome)
                            ? StepFailure.PUSH_FAILED
                            : StepFailure.BUILD_FAILED;
            String what =
                    type.equals(StepFailure.PUSH_FAILED)
                            ? "pushing " + job.image().reference()
                            : "the image build";
            throw BuildFailures.of(type, what, outcome, timeout);
        }
    }

    List<String> command(BuildJob job) {
        String insecure = job.plainHttpRegistry() ? ",registry.insecure=true" : "";
        List<String> command = new ArrayList<>();
        command.addAll(List.of(buildctl, "--addr", address));
        tls.ifPresent(client -> command.addAll(client.buildctlFlags()));
        command.add("build");
        command.addAll(List.of("--frontend", "dockerfile.v0"));
        command.addAll(List.of("--local", "context=" + job.context()));
        command.addAll(List.of("--local", "dockerfile=" + job.dockerfile().getParent()));
        command.addAll(List.of("--opt", "filename=" + job.dockerfile().getFileName()));
        // Images are always resolved at the registry, with this build's credential, never taken
        // from what buildkitd happens to hold from another project's build.
        command.addAll(List.of("--opt", "image-resolve-mode=pull"));
        // Without it RUN steps get the worker's network: for rootless buildkitd always its
        // pod's own namespace, which dp-build's NetworkPolicies bound like the daemon's fetches.
        // No --allow: a Dockerfile's RUN --network=host or --security=insecure stays refused.
        if (runNetwork == RunNetwork.NONE) {
            command.addAll(List.of("--opt", "force-network-mode=none"));
        }
        command.addAll(
                List.of("--opt", "label:" + BuildRecipe.LABEL + "=" + job.recipe().fingerprint()));
        command.addAll(
                List.of(
                        "--output",
                        "type=image,name=" + job.image().reference() + ",push=true" + insecure));
        command.addAll(
                List.of(
                        "--export-cache",
                        "type=registry,ref=" + job.image().cacheReference() + insecure));
        command.addAll(
                List.of(
                        "--import-cache",
                        "type=registry,ref=" + job.image().cacheReference() + insecure));
        command.addAll(List.of("--progress", "plain"));
        return List.copyOf(command);
    }

    private static boolean pushFailed(ProcessOutcome outcome) {
        return outcome.tail().stream()
                .map(line -> line.toLowerCase(Locale.ROOT))
                .anyMatch(
                        line ->
                                line.contains("failed to push")
                                        || line.contains("pushing layers")
                                                && line.contains("error"));
    }
}
