package ink.ml.deploy.deployer.worker.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.buildplan.BuildPlanner;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.source.BareRepositoryFixture;
import ink.ml.deploy.deployer.worker.source.GitBinary;
import ink.ml.deploy.deployer.worker.source.GitCliRepositoryCloner;
import ink.ml.deploy.deployer.worker.source.JGitRepositoryCloner;
import ink.ml.deploy.deployer.worker.source.RemoteRepositories;
import ink.ml.deploy.deployer.worker.source.RepositoryCloner;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build activity end to end with real parts: a bare git repository on disk, a private Docker
 * engine, Debian's registry. The deploy workflow is stood in for by a sink that records the
 * signalled output, and by {@link #build} that adds the output handed over with the result.
 */
class BuildActivitiesImplTest {
    private static final String WORKFLOW_ID = "deploy-6f1c0b8e-0000-4000-8000-000000000001";
    private static RegistryProcess registry;
    private static DockerEngineProcess engine;

    @TempDir Path checkouts;
    private BareRepositoryFixture repo;
    private TestActivityEnvironment environment;
    private BuildActivities activities;
    private final List<BuildOutput> signalled = new CopyOnWriteArrayList<>();

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

    @BeforeEach
    void setUp() {
        repo = BareRepositoryFixture.create();
        RemoteRepositories remotes =
                new RemoteRepositories(
                        "https://github.invalid",
                        repo.baseUrl(),
                        installation -> {
                            throw new AssertionError("no GitHub here");
                        },
                        repository -> Optional.empty());
        BuildPipeline pipeline =
                new BuildPipeline(
                        remotes,
                        cloner(checkouts),
                        new RegistryClient(
                                HttpClient.newBuilder()
                                        .version(HttpClient.Version.HTTP_1_1)
                                        .build(),
                                true,
                                RegistryAccess.anonymous()),
                        new DockerEngineImageBuilder(
                                DockerEngineProcess.CLIENT.toString(),
                                engine.host(),
                                RunNetwork.NONE,
                                Duration.ofMinutes(5),
                                new DeployStepMeter(new SimpleMeterRegistry())),
                        RegistryAccess.anonymous(),
                        new BuildPlanner(TestBaseImageNames.in(registry.host())),
                        registry.host(),
                        true);
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(
                new BuildActivitiesImpl(
                        pipeline,
                        (workflowId, output) -> {
                            assertThat(workflowId).isEqualTo(WORKFLOW_ID);
                            signalled.add(output);
                        },
                        new OutputLimits(Duration.ofMillis(100), 100, 2000, 10_000)));
        activities =
                environment.newActivityStub(
                        BuildActivities.class,
                        ActivityOptions.newBuilder()
                                .setStartToCloseTimeout(Duration.ofMinutes(5))
                                .setHeartbeatTimeout(Duration.ofSeconds(5))
                                .setRetryOptions(
                                        RetryOptions.newBuilder().setMaximumAttempts(1).build())
                                .build());
    }

    @AfterEach
    void tearDown() {
        environment.close();
        repo.close();
    }

    @Test
    void buildsTheCommitPushesItAndReportsItsPortAndNumberedOutput() throws IOException {
        String sha = commitServer();
        BuildRequest request = request(sha, "web");

        BuildResult result = build(request);

        assertThat(result.imageRef()).isEqualTo(request.imageRef());
        assertThat(result.exposedPort()).isEqualTo(8080);
        assertThat(result.reused()).isFalse();
        // What was not signalled by the time the build ended travels with the result (build()
        // stores it after the signals, as the workflow does); a loaded machine may have signalled
        // it all, and then there is no trailing batch.
        assertThat(lines())
                .as("the signalled output, then the output that travels with the result")
                .last()
                .asString()
                .startsWith("==> Pushed ");
        assertThat(registryClient().hasImage(PushTarget.parse(request.imageRef()))).isTrue();
        List<String> lines = lines();
        assertThat(lines.get(0))
                .isEqualTo("==> Cloning " + BareRepositoryFixture.NAME + " at " + sha);
        assertThat(lines).contains("==> Using Dockerfile (EXPOSE 8080)");
        assertThat(lines).anyMatch(line -> line.contains("naming to " + request.imageRef()));
        assertThat(lines.get(lines.size() - 1))
                .startsWith("==> Pushed " + request.imageRef() + " (");
        assertThat(lines).anyMatch(line -> line.matches("==> Cloned in \\d+ ms"));
        assertThat(checkoutsLeft()).isZero();
    }

    @Test
    void secondBuildOfTheSameImageReusesItWithoutBuilding() {
        String sha = commitServer();
        activities.buildImage(request(sha, "api"));
        signalled.clear();

        BuildResult again = build(request(sha, "api"));

        assertThat(again.reused()).isTrue();
        assertThat(again.exposedPort()).isEqualTo(8080);
        assertThat(lines()).noneMatch(line -> line.contains("naming to"));
        assertThat(lines()).last().asString().contains("already in the registry");
    }

    @Test
    void sameCommitWithAnotherDockerfileIsRebuiltNotReused() {
        String sha =
                repo.commit(
                        Map.of(
                                "Dockerfile", TestImages.serverDockerfile().getBytes(UTF_8),
                                "Dockerfile.alt", TestImages.serverDockerfile().getBytes(UTF_8),
                                "busybox", TestImages.serverBinary()),
                        Set.of("busybox"));
        activities.buildImage(request(sha, "api"));
        signalled.clear();
        BuildRequest first = request(sha, "api");
        BuildRequest otherDockerfile =
                new BuildRequest(
                        first.deploymentId(),
                        first.workflowId(),
                        first.sourceKind(),
                        first.repository(),
                        first.installationId(),
                        first.commitSha(),
                        first.rootDirectory(),
                        "Dockerfile.alt",
                        first.buildStrategy(),
                        first.installCommand(),
                        first.buildCommand(),
                        first.startCommand(),
                        first.imageRef());

        BuildResult rebuilt = build(otherDockerfile);

        assertThat(rebuilt.reused()).isFalse();
        assertThat(lines()).anyMatch(line -> line.contains("naming to " + first.imageRef()));
    }

    @Test
    void aStaticSiteWithoutDockerfileIsBuiltFromTheGeneratedDockerfileOnTheBaseImage()
            throws Exception {
        pushStaticBaseImage();
        String sha =
                repo.commit(
                        Map.of(
                                "index.html", "<h1>generated</h1>".getBytes(UTF_8),
                                "about/index.html", "about".getBytes(UTF_8)));
        BuildRequest request = request(sha, "site", BuildStrategy.AUTO);

        BuildResult result = build(request);

        assertThat(result.reused()).isFalse();
        assertThat(result.exposedPort()).isEqualTo(8080);
        assertThat(registryClient().hasImage(PushTarget.parse(request.imageRef()))).isTrue();
        List<String> lines = lines();
        assertThat(lines.get(2)).isEqualTo("==> Detected Static site");
        assertThat(lines)
                .contains("    | FROM " + registry.host() + "/base/static:test AS site")
                .anyMatch(line -> line.contains("naming to " + request.imageRef()));
        assertThat(lines.get(lines.size() - 1)).startsWith("==> Pushed " + request.imageRef());
        assertThat(checkoutsLeft()).isZero();

        signalled.clear();
        BuildResult again = build(request(sha, "site", BuildStrategy.AUTO));
        assertThat(again.reused()).isTrue();
        assertThat(lines()).last().asString().contains("already in the registry");

        signalled.clear();
        BuildResult otherStrategy = build(request(sha, "site", BuildStrategy.STATIC));
        assertThat(otherStrategy.reused()).as("another strategy is another recipe").isFalse();
    }

    @Test
    void commitWithoutDockerfileFailsWithNoDockerfile() throws IOException {
        String sha = repo.commit(Map.of("README.md", "hello".getBytes(UTF_8)));

        assertThatThrownBy(() -> activities.buildImage(request(sha, "docs")))
                .rootCause()
                .asInstanceOf(InstanceOfAssertFactories.type(ApplicationFailure.class))
                .satisfies(
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.NO_DOCKERFILE);
                            assertThat(failure.getOriginalMessage())
                                    .startsWith("no Dockerfile at Dockerfile");
                        });
        assertThat(checkoutsLeft()).isZero();
    }

    @Test
    void cancelledDeploymentStopsTheBuildAndDeletesTheCheckout() {
        byte[] busybox = TestImages.busyboxOrSkip();
        int marker = 4000 + ThreadLocalRandom.current().nextInt(1000);
        String sha =
                repo.commit(
                        Map.of(
                                "Dockerfile",
                                TestImages.sleepingDockerfile(marker).getBytes(UTF_8),
                                "busybox",
                                busybox),
                        Set.of("busybox"));
        CompletableFuture<BuildResult> build =
                CompletableFuture.supplyAsync(() -> activities.buildImage(request(sha, "slow")));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestImages.sleepRunning(marker) || build.isDone());
        assertThat(build).as("build output: %s", signalled).isNotDone();

        environment.requestCancelActivity();

        assertThatThrownBy(build::join).hasRootCauseInstanceOf(CanceledFailure.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestImages.sleepRunning(marker));
        assertThat(checkoutsLeft()).isZero();
    }

    private String commitServer() {
        return repo.commit(
                Map.of(
                        "Dockerfile", TestImages.serverDockerfile().getBytes(UTF_8),
                        "busybox", TestImages.serverBinary()),
                Set.of("busybox"));
    }

    /**
     * The static base image the planner's Dockerfile names: busybox alone, built and pushed as the
     * operator's mirror would be.
     */
    private void pushStaticBaseImage() throws InterruptedException, IOException {
        byte[] busybox = TestImages.busyboxOrSkip();
        Path context = Files.createTempDirectory("static-base-");
        TestImages.write(context, "busybox", busybox);
        TestImages.write(
                context, "Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n".getBytes(UTF_8));
        new DockerEngineImageBuilder(
                        DockerEngineProcess.CLIENT.toString(),
                        engine.host(),
                        RunNetwork.NONE,
                        Duration.ofMinutes(5),
                        new DeployStepMeter(new SimpleMeterRegistry()))
                .buildAndPush(
                        new BuildJob(
                                context,
                                context.resolve("Dockerfile"),
                                PushTarget.parse(registry.host() + "/base/static:test"),
                                true,
                                new BuildRecipe("", "Dockerfile"),
                                RegistryLogin.anonymous()),
                        line -> {},
                        new Cancellation());
        Directories.deleteQuietly(context);
    }

    private BuildRequest request(String sha, String service) {
        return request(sha, service, BuildStrategy.DOCKERFILE);
    }

    private BuildRequest request(String sha, String service, BuildStrategy strategy) {
        return new BuildRequest(
                "6f1c0b8e-0000-4000-8000-000000000001",
                WORKFLOW_ID,
                SourceKind.INTERNAL,
                BareRepositoryFixture.NAME,
                null,
                sha,
                "",
                "Dockerfile",
                strategy,
                null,
                null,
                null,
                registry.host() + "/dp-u1-shop/" + service + ":" + sha);
    }

    /** Builds as the deploy workflow does: the output returned with the result is stored too. */
    private BuildResult build(BuildRequest request) {
        BuildResult result = activities.buildImage(request);
        if (result.trailingOutput() != null) {
            signalled.add(result.trailingOutput());
        }
        return result;
    }

    /** The signalled lines in order, after checking the numbers run 1, 2, 3… without gaps. */
    private List<String> lines() {
        int next = 1;
        List<String> lines = new java.util.ArrayList<>();
        for (BuildOutput output : signalled) {
            assertThat(output.firstLineNo()).isEqualTo(next);
            next += output.lines().size();
            lines.addAll(output.lines());
        }
        return lines;
    }

    private long checkoutsLeft() {
        if (!Files.exists(checkouts)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(checkouts)) {
            return entries.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RegistryClient registryClient() {
        return new RegistryClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                true,
                RegistryAccess.anonymous());
    }

    /** As production chooses (mcpdeploy.source.clone-with=auto): the git CLI when there is one. */
    private static RepositoryCloner cloner(Path checkouts) {
        long maxBytes = 100L * 1024 * 1024;
        return GitBinary.find("git", System.getenv("PATH"))
                .<RepositoryCloner>map(
                        git ->
                                new GitCliRepositoryCloner(
                                        git,
                                        checkouts,
                                        maxBytes,
                                        Duration.ofMinutes(1),
                                        Clock.systemUTC()))
                .orElseGet(
                        () ->
                                new JGitRepositoryCloner(
                                        checkouts,
                                        maxBytes,
                                        Duration.ofMinutes(1),
                                        Clock.systemUTC()));
    }
}
