package ink.ml.deploy.deployer.worker.build;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.BuildStrategy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildRecipeTest {
    private static final Path CHECKOUT = Path.of("/work/checkout");
    private static final String DOCKERFILE = "FROM registry.internal:5000/base/node:22\n";

    @Test
    void aRepositoryDockerfilesFingerprintIsTheOneImagesWereLabelledWithBeforeGeneratedBuilds() {
        // SHA-256 of "v1\nroot=\ndockerfile=Dockerfile\n", first 8 bytes: images already in
        // registries stay reusable.
        assertThat(new BuildRecipe("", "Dockerfile").fingerprint()).isEqualTo("d2cc31af2d3a81b9");
    }

    @Test
    void aGeneratedBuildIsReusedOnlyWithTheSameStrategyCommandsAndDockerfile() {
        BuildRecipe recipe = generated(BuildStrategy.AUTO, null, DOCKERFILE);

        assertThat(generated(BuildStrategy.AUTO, null, DOCKERFILE).fingerprint())
                .isEqualTo(recipe.fingerprint());
        assertThat(generated(BuildStrategy.NODE, null, DOCKERFILE).fingerprint())
                .isNotEqualTo(recipe.fingerprint());
        assertThat(generated(BuildStrategy.AUTO, "node server.js", DOCKERFILE).fingerprint())
                .isNotEqualTo(recipe.fingerprint());
        assertThat(generated(BuildStrategy.AUTO, "", DOCKERFILE).fingerprint())
                .as("an empty command is not the detected one")
                .isNotEqualTo(recipe.fingerprint());
        assertThat(generated(BuildStrategy.AUTO, null, DOCKERFILE + "USER 1\n").fingerprint())
                .as("another base image or template")
                .isNotEqualTo(recipe.fingerprint());
        assertThat(recipe.fingerprint())
                .isNotEqualTo(new BuildRecipe("web", "").fingerprint())
                .hasSize(16);
        assertThat(recipe.rootDirectory()).isEqualTo("web");
    }

    private static BuildRecipe generated(BuildStrategy strategy, String start, String dockerfile) {
        return BuildRecipe.generated(
                CHECKOUT, CHECKOUT.resolve("web"), strategy, null, null, start, dockerfile);
    }
}
