package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each product-plane service's railway.json (Railway's config as code) builds its Dockerfile,
 * checks a health path the service serves on the port Railway reaches, and restarts it when it
 * fails.
 */
class RailwayConfigTest {
    /** The keys of Railway's schema (https://railway.com/railway.schema.json) these files use. */
    private static final Set<String> TOP = Set.of("$schema", "build", "deploy");

    private static final Set<String> BUILD = Set.of("builder", "dockerfilePath", "watchPatterns");
    private static final Set<String> DEPLOY =
            Set.of(
                    "healthcheckPath",
                    "healthcheckTimeout",
                    "restartPolicyType",
                    "restartPolicyMaxRetries",
                    "numReplicas");

    static Stream<String> services() {
        return RepositoryTree.RAILWAY_SERVICES.stream();
    }

    @ParameterizedTest(name = "{0}: railway.json uses only the schema's known keys")
    @MethodSource("services")
    void theConfigParsesWithKnownKeysOnly(String service) throws IOException {
        JsonNode config = read(service);

        assertThat(names(config)).isSubsetOf(TOP);
        assertThat(config.path("$schema").asText())
                .isEqualTo("https://railway.com/railway.schema.json");
        assertThat(names(config.path("build"))).isSubsetOf(BUILD);
        assertThat(names(config.path("deploy"))).isSubsetOf(DEPLOY);
    }

    @ParameterizedTest(name = "{0}: builds its own JVM Dockerfile")
    @MethodSource("services")
    void theConfigBuildsTheServicesDockerfile(String service) throws IOException {
        JsonNode build = read(service).path("build");

        assertThat(build.path("builder").asText()).isEqualTo("DOCKERFILE");
        String path = build.path("dockerfilePath").asText();
        assertThat(path).isEqualTo("services/" + service + "/src/main/docker/Dockerfile.jvm");
        assertThat(RepositoryTree.root().resolve(path)).isRegularFile();
    }

    @ParameterizedTest(name = "{0}: the health check path is one the service serves")
    @MethodSource("services")
    void theHealthCheckIsAPathTheServiceServesOnItsHttpPort(String service) throws IOException {
        JsonNode deploy = read(service).path("deploy");
        ServiceConfig config = ServiceConfig.of(service);

        assertThat(config.isTrue("quarkus.management.enabled"))
                .as(service + " serves health on its HTTP port, the one Railway checks")
                .isFalse();
        String root =
                "/"
                        + config.value("quarkus.http.non-application-root-path").orElse("q")
                        + "/"
                        + config.value("quarkus.smallrye-health.root-path").orElseThrow();
        assertThat(deploy.path("healthcheckPath").asText())
                .isIn(root, root + "/live", root + "/ready", root + "/started");
        assertThat(deploy.path("healthcheckTimeout").asInt()).isPositive();
    }

    @ParameterizedTest(name = "{0}: restarts on failure and runs at least one replica")
    @MethodSource("services")
    void theServiceIsRestartedWhenItFails(String service) throws IOException {
        JsonNode deploy = read(service).path("deploy");

        assertThat(deploy.path("restartPolicyType").asText()).isIn("ON_FAILURE", "ALWAYS");
        if (deploy.path("restartPolicyType").asText().equals("ON_FAILURE")) {
            assertThat(deploy.path("restartPolicyMaxRetries").asInt()).isPositive();
        }
        assertThat(deploy.path("numReplicas").asInt()).isPositive();
    }

    @ParameterizedTest(name = "{0}: a change to the service or the libraries redeploys it")
    @MethodSource("services")
    void theWatchPatternsCoverTheServiceAndWhatItIsBuiltFrom(String service) throws IOException {
        List<String> patterns = new ArrayList<>();
        read(service).path("build").path("watchPatterns").forEach(p -> patterns.add(p.asText()));

        assertThat(patterns).contains("/pom.xml", "/libs/**", "/services/" + service + "/**");
    }

    private static JsonNode read(String service) throws IOException {
        return new ObjectMapper().readTree(RepositoryTree.railwayConfig(service).toFile());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
