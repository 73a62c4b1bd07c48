package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service has a JVM and a native image, built from what Maven produces, on pinned bases,
 * running as a user other than root.
 */
class ServiceImagesTest {
    /** A tag that names a version (has a digit) and is not a moving {@code latest}. */
    private static final Pattern VERSION_TAG =
            Pattern.compile("[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*");

    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

    static Stream<String> services() {
        return RepositoryTree.services().stream();
    }

    static Stream<Arguments> images() {
        return services()
                .flatMap(service -> Stream.of("jvm", "native").map(v -> Arguments.of(service, v)));
    }

    @ParameterizedTest(name = "{0} has Dockerfile.jvm and Dockerfile.native")
    @MethodSource("services")
    void everyServiceHasBothImages(String service) {
        assertThat(RepositoryTree.dockerfile(service, "jvm")).isRegularFile();
        assertThat(RepositoryTree.dockerfile(service, "native")).isRegularFile();
    }

    @ParameterizedTest(name = "{0} {1}: every FROM is a stage or a pinned image")
    @MethodSource("images")
    void everyBaseImageIsPinned(String service, String variant) {
        Dockerfile dockerfile = Dockerfile.read(RepositoryTree.dockerfile(service, variant));

        for (Dockerfile.Stage stage : dockerfile.stages()) {
            String image = stage.image();
            if (dockerfile.hasStage(image)) {
                continue;
            }
            if (DIGEST.matcher(image).find()) {
                continue;
            }
            String name = image.substring(image.lastIndexOf('/') + 1);
            assertThat(name)
                    .as(dockerfile.path() + ": FROM " + image + " names a tag")
                    .contains(":");
            String tag = name.substring(name.indexOf(':') + 1);
            assertThat(tag)
                    .as(dockerfile.path() + ": FROM " + image + " is pinned to a version")
                    .matches(VERSION_TAG)
                    .doesNotContainIgnoringCase("latest");
        }
    }

    @ParameterizedTest(name = "{0} {1}: runs as a user other than root")
    @MethodSource("images")
    void theImageRunsAsANonRootUser(String service, String variant) {
        Dockerfile dockerfile = Dockerfile.read(RepositoryTree.dockerfile(service, variant));

        assertThat(dockerfile.last().user())
                .as(dockerfile.path() + ": the final stage's USER")
                .hasValueSatisfying(
                        user -> assertThat(user.split(":")[0]).isNotIn("root", "0").isNotBlank());
    }

    @ParameterizedTest(name = "{0}: the JVM image runs the fast-jar Maven builds")
    @MethodSource("services")
    void theJvmImageRunsTheFastJarMavenBuilds(String service) {
        Dockerfile dockerfile = Dockerfile.read(RepositoryTree.dockerfile(service, "jvm"));
        String output = "/services/" + service + "/target/quarkus-app/";

        assertThat(String.join("\n", dockerfile.stage("build").arguments("RUN")))
                .contains("mvn ")
                .contains("-pl services/" + service + " -am package");
        List<String> copies = dockerfile.last().arguments("COPY");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertThat(copies)
                    .as(dockerfile.path() + " copies " + output + part)
                    .anyMatch(c -> c.startsWith("--from=build") && c.contains(output + part));
        }
        assertThat(dockerfile.last().arguments("ENV"))
                .anyMatch(e -> e.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
    }

    @ParameterizedTest(name = "{0}: the native image is Maven's native profile built with Mandrel")
    @MethodSource("services")
    void theNativeImageIsMavensNativeProfileBuiltWithMandrel(String service) {
        Dockerfile dockerfile = Dockerfile.read(RepositoryTree.dockerfile(service, "native"));

        Dockerfile.Stage compile = dockerfile.stage("native");
        assertThat(compile.image()).contains("/quarkus/").contains("mandrel-builder-image:");
        assertThat(String.join("\n", compile.arguments("RUN")))
                .contains("-Pnative -pl services/" + service + " -am package")
                .doesNotContain("sources-only")
                .contains("services/" + service + "/target/*-runner");
        assertThat(dockerfile.last().arguments("COPY"))
                .anyMatch(c -> c.startsWith("--from=native") && c.contains("/build/application"));
    }

    @ParameterizedTest(name = "{0} {1}: exposes the port the service listens on")
    @MethodSource("images")
    void theImageExposesThePortTheServiceListensOn(String service, String variant) {
        Dockerfile dockerfile = Dockerfile.read(RepositoryTree.dockerfile(service, variant));
        ServiceConfig config = ServiceConfig.of(service);
        String port = config.value("quarkus.http.port").orElseThrow();

        List<String> exposed =
                dockerfile.last().arguments("EXPOSE").stream()
                        .flatMap(e -> Stream.of(e.split("\\s+")))
                        .toList();
        assertThat(exposed).contains(port);
        if (config.isTrue("quarkus.management.enabled")) {
            assertThat(exposed).contains(config.value("quarkus.management.port").orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}: src/main/docker holds the two checked images and nothing else")
    @MethodSource("services")
    void aServiceKeepsOnlyTheTwoImages(String service) throws Exception {
        try (Stream<java.nio.file.Path> files =
                Files.list(RepositoryTree.dockerfile(service, "jvm").getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("Dockerfile.jvm", "Dockerfile.native");
        }
    }
}
