package ink.ml.deploy.deployer.worker.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import ink.ml.deploy.workflow.metrics.PlatformMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private dockerd (Debian's docker.io) builds FROM scratch images and pushes them to Debian's
 * docker-registry.
 */
class DockerEngineImageBuilderTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static RegistryProcess registry;
    private static DockerEngineProcess engine;

    @TempDir Path context;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startEngineAndRegistry() {
        registry = RegistryProcess.startOrSkip();
        engine = DockerEngineProcess.startOrSkip(registry.host());
    }

    @AfterAll
    static void stopEngineAndRegistry() {
        if (engine != null) {
            engine.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void buildsAFromScratchImagePushesItAndStreamsTheOutput() throws Exception {
        TestImages.write(context, "Dockerfile", TestImages.serverDockerfile().getBytes(UTF_8));
        TestImages.write(context, "busybox", TestImages.serverBinary());
        PushTarget image = PushTarget.parse(registry.host() + "/dp-u1-shop/web:" + SHA);

        builder().buildAndPush(job(image), lines::add, new Cancellation());

        assertThat(registryClient().hasImage(image)).isTrue();
        assertThat(registryClient().hasImageBuiltBy(image, new BuildRecipe("", "Dockerfile")))
                .as("the recipe label is in the pushed image's config")
                .isTrue();
        assertThat(registryClient().hasImageBuiltBy(image, new BuildRecipe("api", "Dockerfile")))
                .isFalse();
        assertThat(lines).anyMatch(line -> line.contains("naming to " + image.reference()));
        assertThat(lines).anyMatch(line -> line.startsWith(SHA + ": digest: sha256:"));
    }

    @Test
    void buildAndPushAreTimedApartWithTheirOutcome() throws Exception {
        TestImages.write(context, "Dockerfile", TestImages.serverDockerfile().getBytes(UTF_8));
        TestImages.write(context, "busybox", TestImages.serverBinary());
        PushTarget image = PushTarget.parse(registry.host() + "/dp-u1-shop/timed:" + SHA);

        builder().buildAndPush(job(image), lines::add, new Cancellation());
        TestImages.write(
                context, "Dockerfile", "FROM scratch\nCOPY missing.txt /\n".getBytes(UTF_8));
        assertThatThrownBy(() -> builder().buildAndPush(job(image), lines::add, new Cancellation()))
                .isInstanceOf(ApplicationFailure.class);

        assertThat(timed("build", "succeeded")).isEqualTo(1);
        assertThat(timed("push", "succeeded")).isEqualTo(1);
        assertThat(timed("build", "failed")).isEqualTo(1);
        assertThat(timed("push", "failed")).isZero();
    }

    private long timed(String step, String outcome) {
        var timer =
                meters.find(PlatformMeters.DEPLOY_STEP_DURATION)
                        .tags("step", step, "outcome", outcome)
                        .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void failingInstructionIsABuildFailureWithTheOutputsLastLines() {
        TestImages.write(
                context, "Dockerfile", "FROM scratch\nCOPY missing.txt /\n".getBytes(UTF_8));
        PushTarget image = PushTarget.parse(registry.host() + "/dp-u1-shop/broken:" + SHA);

        assertThatThrownBy(() -> builder().buildAndPush(job(image), lines::add, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.BUILD_FAILED);
                            assertThat(failure.isNonRetryable()).isTrue();
                            assertThat(failure.getOriginalMessage())
                                    .startsWith("the image build failed (exit code 1)")
                                    .contains("missing.txt");
                        });
        assertThat(registryClient().hasImage(image)).isFalse();
    }

    @Test
    void unreachableRegistryIsAPushFailure() throws Exception {
        TestImages.write(context, "Dockerfile", "FROM scratch\nCOPY app.txt /\n".getBytes(UTF_8));
        TestImages.write(context, "app.txt", "hello".getBytes(UTF_8));
        PushTarget image = PushTarget.parse("127.0.0.1:" + closedPort() + "/dp-u1-shop/web:" + SHA);

        assertThatThrownBy(() -> builder().buildAndPush(job(image), lines::add, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.PUSH_FAILED);
                            assertThat(failure.getOriginalMessage())
                                    .startsWith("pushing " + image.reference() + " failed");
                        });
    }

    @Test
    void cancellationStopsTheRunningBuildStep() {
        byte[] busybox = TestImages.busyboxOrSkip();
        int marker = 3000 + ThreadLocalRandom.current().nextInt(1000);
        TestImages.write(
                context, "Dockerfile", TestImages.sleepingDockerfile(marker).getBytes(UTF_8));
        TestImages.write(context, "busybox", busybox);
        PushTarget image = PushTarget.parse(registry.host() + "/dp-u1-shop/slow:" + SHA);
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Void> build =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                builder().buildAndPush(job(image), lines::add, cancellation);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestImages.sleepRunning(marker) || build.isDone());
        assertThat(build).as("build output: %s", lines).isNotDone();

        cancellation.cancel();

        assertThatThrownBy(build::join).hasCauseInstanceOf(CancellationException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestImages.sleepRunning(marker));
        assertThat(registryClient().hasImage(image)).isFalse();
    }

    private DockerEngineImageBuilder builder() {
        return new DockerEngineImageBuilder(
                DockerEngineProcess.CLIENT.toString(),
                engine.host(),
                RunNetwork.NONE,
                Duration.ofMinutes(5),
                new DeployStepMeter(meters));
    }

    private BuildJob job(PushTarget image) {
        return new BuildJob(
                context,
                context.resolve("Dockerfile"),
                image,
                true,
                new BuildRecipe("", "Dockerfile"),
                RegistryLogin.anonymous());
    }

    private static RegistryClient registryClient() {
        return new RegistryClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                true,
                RegistryAccess.anonymous());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
