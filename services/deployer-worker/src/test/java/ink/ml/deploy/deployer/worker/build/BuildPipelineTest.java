package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.buildplan.BuildOptions;
import ink.ml.deploy.buildplan.BuildPlanner;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.source.BareRepositoryFixture;
import ink.ml.deploy.deployer.worker.source.JGitRepositoryCloner;
import ink.ml.deploy.deployer.worker.source.RemoteRepositories;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline refuses before it builds (before it clones, a Dockerfile the policy refuses,
 * nothing to build), and what it hands the builder: the repository's Dockerfile or a generated one
 * (the full path runs in BuildActivitiesImplTest).
 */
class BuildPipelineTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    /** Answers 404 to everything: a registry without the image. */
    private static HttpServer registry;

    @TempDir Path checkouts;
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void startAnEmptyRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                });
        registry.start();
    }

    @AfterAll
    static void stopTheRegistry() {
        registry.stop(0);
    }

    private static String emptyRegistry() {
        return "127.0.0.1:" + registry.getAddress().getPort();
    }

    @Test
    void refusesToPushOutsideTheClustersRegistry() {
        BuildRequest request = request(SHA, "ghcr.io/dp-u1-shop/web:" + SHA);

        assertThatThrownBy(() -> pipeline().run(request, lines::add, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.PUSH_FAILED);
                            assertThat(failure.getOriginalMessage())
                                    .contains(
                                            "not in this cluster's registry (registry.internal:5000)");
                        });
        assertThat(lines).isEmpty();
    }

    @Test
    void refusesACommitThatIsNotAFullSha() {
        BuildRequest request = request("main", "registry.internal:5000/dp-u1-shop/web:main");

        assertThatThrownBy(() -> pipeline().run(request, lines::add, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getType()).isEqualTo(StepFailure.CLONE_FAILED));
    }

    @Test
    void refusesADockerfileThatBuildsOnAnotherProjectsImageBeforeBuilding() {
        try (BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            String sha =
                    repo.commit(
                            Map.of(
                                    "Dockerfile",
                                    ("ARG BASE=registry.internal:5000/dp-u2-blog/api:"
                                                    + SHA
                                                    + "\nFROM ${BASE}\n")
                                            .getBytes(StandardCharsets.UTF_8)));
            BuildRequest request = request(sha, "registry.internal:5000/dp-u1-shop/web:" + sha);

            assertThatThrownBy(
                            () ->
                                    pipeline(repo.baseUrl())
                                            .run(request, lines::add, new Cancellation()))
                    .isInstanceOfSatisfying(
                            ApplicationFailure.class,
                            failure -> {
                                assertThat(failure.getType()).isEqualTo(StepFailure.BUILD_FAILED);
                                assertThat(failure.getOriginalMessage())
                                        .startsWith("Dockerfile was refused: line 2:")
                                        .contains("another project's image");
                            });
            assertThat(lines).anyMatch(line -> line.startsWith("==> Refused: line 2:"));
        }
    }

    @Test
    void aCommitWithoutDockerfileIsBuiltFromTheGeneratedDockerfileWithThePlanFirstInTheLog()
            throws Exception {
        try (BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            String sha =
                    repo.commit(
                            Map.of(
                                    "web/index.html",
                                    "<h1>hello</h1>".getBytes(StandardCharsets.UTF_8),
                                    "README.md",
                                    "docs".getBytes(StandardCharsets.UTF_8)));
            List<BuildJob> jobs = new ArrayList<>();
            List<Boolean> dockerfileExistedDuringTheBuild = new ArrayList<>();
            List<String> dockerfileText = new ArrayList<>();
            ImageBuilder recording =
                    (job, output, cancellation) -> {
                        jobs.add(job);
                        dockerfileExistedDuringTheBuild.add(Files.isRegularFile(job.dockerfile()));
                        try {
                            dockerfileText.add(Files.readString(job.dockerfile()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    };
            BuildRequest request =
                    request(
                            sha,
                            emptyRegistry() + "/dp-u1-shop/web:" + sha,
                            "web",
                            BuildStrategy.AUTO);

            BuildResult result =
                    pipeline(repo.baseUrl(), recording)
                            .run(request, lines::add, new Cancellation());

            assertThat(result.exposedPort()).isEqualTo(BuildOptions.DEFAULT_PORT);
            assertThat(result.reused()).isFalse();
            assertThat(jobs).hasSize(1);
            BuildJob job = jobs.get(0);
            assertThat(job.context().getFileName().toString()).isEqualTo("web");
            assertThat(job.context().startsWith(checkouts)).isTrue();
            assertThat(job.dockerfile().startsWith(checkouts))
                    .as("the generated Dockerfile is written outside the checkout")
                    .isFalse();
            assertThat(dockerfileExistedDuringTheBuild).containsExactly(true);
            assertThat(job.dockerfile()).as("deleted after the build").doesNotExist();
            assertThat(dockerfileText.get(0))
                    .contains("FROM " + emptyRegistry() + "/base/static:test");
            assertThat(job.recipe().strategy()).isEqualTo(BuildStrategy.AUTO);
            assertThat(job.recipe().dockerfilePath()).isEmpty();
            assertThat(job.recipe().rootDirectory()).isEqualTo("web");
            // After the clone, the plan and the generated Dockerfile open the output.
            assertThat(lines.get(0)).startsWith("==> Cloning ");
            assertThat(lines.get(1)).startsWith("==> Cloned in ");
            assertThat(lines.get(2)).isEqualTo("==> Detected Static site");
            int generated = lines.indexOf("==> Generated Dockerfile");
            assertThat(generated).isPositive();
            assertThat(lines.get(generated + 1)).startsWith("    | ");
            assertThat(lines)
                    .containsSubsequence(
                            "==> Generated Dockerfile",
                            "==> Using the generated Dockerfile (port 8080)",
                            "==> Building " + emptyRegistry() + "/dp-u1-shop/web:" + sha);
        }
    }

    @Test
    void aDockerfileStrategyBuildsTheRepositorysDockerfileAndNeverDetects() throws Exception {
        try (BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            String sha =
                    repo.commit(
                            Map.of(
                                    "Dockerfile",
                                    "FROM scratch\nEXPOSE 9000\n".getBytes(StandardCharsets.UTF_8),
                                    "package.json",
                                    "{}".getBytes(StandardCharsets.UTF_8)));
            List<BuildJob> jobs = new ArrayList<>();
            BuildRequest request =
                    request(
                            sha,
                            emptyRegistry() + "/dp-u1-shop/web:" + sha,
                            "",
                            BuildStrategy.DOCKERFILE);

            BuildResult result =
                    pipeline(repo.baseUrl(), (job, output, cancellation) -> jobs.add(job))
                            .run(request, lines::add, new Cancellation());

            assertThat(result.exposedPort()).isEqualTo(9000);
            assertThat(jobs.get(0).dockerfile().getFileName().toString()).isEqualTo("Dockerfile");
            assertThat(jobs.get(0).dockerfile().startsWith(checkouts)).isTrue();
            assertThat(jobs.get(0).recipe()).isEqualTo(new BuildRecipe("", "Dockerfile"));
            assertThat(lines).noneMatch(line -> line.startsWith("==> Detected"));
            assertThat(lines).contains("==> Using Dockerfile (EXPOSE 9000)");
        }
    }

    @Test
    void autoPrefersTheRepositorysDockerfileOverDetectedFiles() throws Exception {
        try (BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            String sha =
                    repo.commit(
                            Map.of(
                                    "Dockerfile",
                                    "FROM scratch\nEXPOSE 9000\n".getBytes(StandardCharsets.UTF_8),
                                    "index.html",
                                    "<h1>hi</h1>".getBytes(StandardCharsets.UTF_8)));
            List<BuildJob> jobs = new ArrayList<>();
            BuildRequest request =
                    request(
                            sha,
                            emptyRegistry() + "/dp-u1-shop/web:" + sha,
                            "",
                            BuildStrategy.AUTO);

            BuildResult result =
                    pipeline(repo.baseUrl(), (job, output, cancellation) -> jobs.add(job))
                            .run(request, lines::add, new Cancellation());

            assertThat(result.exposedPort()).isEqualTo(9000);
            assertThat(jobs.get(0).recipe()).isEqualTo(new BuildRecipe("", "Dockerfile"));
            assertThat(lines).contains("==> Using Dockerfile (EXPOSE 9000)");
        }
    }

    @Test
    void nothingDetectedFailsWithNoBuildPlanSayingWhatWasLookedFor() {
        try (BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            String sha = repo.commit(Map.of("notes.txt", "hi".getBytes(StandardCharsets.UTF_8)));
            BuildRequest request =
                    request(
                            sha,
                            "registry.internal:5000/dp-u1-shop/web:" + sha,
                            "",
                            BuildStrategy.AUTO);

            assertThatThrownBy(
                            () ->
                                    pipeline(repo.baseUrl())
                                            .run(request, lines::add, new Cancellation()))
                    .isInstanceOfSatisfying(
                            ApplicationFailure.class,
                            failure -> {
                                assertThat(failure.getType()).isEqualTo(StepFailure.NO_BUILD_PLAN);
                                assertThat(failure.getOriginalMessage())
                                        .contains("Dockerfile")
                                        .contains("package.json");
                            });
        }
    }

    @Test
    void aRootDirectoryMissingAtTheCommitFailsWithNoBuildPlanNamingIt() {
        try (BareRepositoryFixture repo = BareRepositoryFixture.create()) {
            String sha = repo.commit(Map.of("index.html", "hi".getBytes(StandardCharsets.UTF_8)));
            BuildRequest request =
                    request(
                            sha,
                            "registry.internal:5000/dp-u1-shop/web:" + sha,
                            "frontend",
                            BuildStrategy.STATIC);

            assertThatThrownBy(
                            () ->
                                    pipeline(repo.baseUrl())
                                            .run(request, lines::add, new Cancellation()))
                    .isInstanceOfSatisfying(
                            ApplicationFailure.class,
                            failure -> {
                                assertThat(failure.getType()).isEqualTo(StepFailure.NO_BUILD_PLAN);
                                assertThat(failure.getOriginalMessage())
                                        .startsWith(
                                                "the root directory frontend is not a directory");
                            });
        }
    }

    private BuildPipeline pipeline() {
        return pipeline("http://git-server.invalid");
    }

    private BuildPipeline pipeline(String gitServerUrl) {
        return pipeline(
                gitServerUrl,
                (job, output, cancellation) -> {
                    throw new AssertionError("nothing may be built");
                },
                "registry.internal:5000");
    }

    /** Builds with {@code builder}, against a registry that has no image yet. */
    private BuildPipeline pipeline(String gitServerUrl, ImageBuilder builder) {
        return pipeline(gitServerUrl, builder, emptyRegistry());
    }

    private BuildPipeline pipeline(String gitServerUrl, ImageBuilder builder, String registryHost) {
        return new BuildPipeline(
                new RemoteRepositories(
                        "https://github.invalid",
                        gitServerUrl,
                        installation -> "unused",
                        repository -> Optional.empty()),
                new JGitRepositoryCloner(
                        checkouts, 1024 * 1024, Duration.ofSeconds(10), Clock.systemUTC()),
                new RegistryClient(HttpClient.newHttpClient(), true, RegistryAccess.anonymous()),
                builder,
                RegistryAccess.anonymous(),
                new BuildPlanner(TestBaseImageNames.in(registryHost)),
                registryHost,
                true);
    }

    private static BuildRequest request(String sha, String imageRef) {
        return request(sha, imageRef, "", BuildStrategy.DOCKERFILE);
    }

    private static BuildRequest request(
            String sha, String imageRef, String rootDirectory, BuildStrategy strategy) {
        return new BuildRequest(
                "6f1c0b8e-0000-4000-8000-000000000001",
                "deploy-6f1c0b8e-0000-4000-8000-000000000001",
                SourceKind.INTERNAL,
                "u1/shop/shop",
                null,
                sha,
                rootDirectory,
                "Dockerfile",
                strategy,
                null,
                null,
                null,
                imageRef);
    }
}
