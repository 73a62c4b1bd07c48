package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.buildplan.BuildPlanner;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.source.BareRepositoryFixture;
import ink.ml.deploy.deployer.worker.source.JGitRepositoryCloner;
import ink.ml.deploy.deployer.worker.source.RemoteRepositories;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline refuses before it builds: before it clones, and a Dockerfile the policy refuses
 * (the full path runs in BuildActivitiesImplTest).
 */
class BuildPipelineTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir Path checkouts;
    private final List<String> lines = new ArrayList<>();

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

    private BuildPipeline pipeline() {
        return pipeline("http://git-server.invalid");
    }

    private BuildPipeline pipeline(String gitServerUrl) {
        return new BuildPipeline(
                new RemoteRepositories(
                        "https://github.invalid",
                        gitServerUrl,
                        installation -> "unused",
                        repository -> Optional.empty()),
                new JGitRepositoryCloner(
                        checkouts, 1024 * 1024, Duration.ofSeconds(10), Clock.systemUTC()),
                new RegistryClient(HttpClient.newHttpClient(), true, RegistryAccess.anonymous()),
                (job, output, cancellation) -> {
                    throw new AssertionError("nothing may be built");
                },
                RegistryAccess.anonymous(),
                new BuildPlanner(TestBaseImageNames.in("registry.internal:5000")),
                "registry.internal:5000",
                true);
    }

    private static BuildRequest request(String sha, String imageRef) {
        return new BuildRequest(
                "6f1c0b8e-0000-4000-8000-000000000001",
                "deploy-6f1c0b8e-0000-4000-8000-000000000001",
                SourceKind.INTERNAL,
                "u1/shop/shop",
                null,
                sha,
                "",
                "Dockerfile",
                BuildStrategy.DOCKERFILE,
                null,
                null,
                null,
                imageRef);
    }
}
