package ink.ml.deploy.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The committed Prometheus scrape configuration reaches every service where it serves {@code
 * /q/metrics} (ports read from the services' own configuration, so they cannot drift) and holds no
 * secret.
 */
class PlatformScrapeConfigTest {
    private static final Path SERVICES = Path.of("../../services");

    private final JsonNode config = read();

    @Test
    void dpSystemPodsAreFoundInTheirNamespaceOnThePortServingMetrics() {
        JsonNode job = job("mcpdeploy-dp-system");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        JsonNode discovery = job.path("kubernetes_sd_configs").get(0);
        assertThat(discovery.path("role").asText()).isEqualTo("pod");
        assertThat(texts(discovery.at("/namespaces/names"))).containsExactly("dp-system");

        String keep = keptPortsRegex(job);
        for (String service : List.of("deployer-server", "git-server", "deployer-worker")) {
            assertThat(keep.split("\\|"))
                    .as(service)
                    .contains(service + ";" + metricsPort(service));
        }
    }

    @Test
    void railwayServicesAreScrapedOverHttpsWithATokenFromAFile() {
        JsonNode job = job("mcpdeploy-railway");
        assertThat(job.path("scheme").asText()).isEqualTo("https");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        JsonNode authorization = job.path("authorization");
        assertThat(authorization.path("type").asText()).isEqualTo("Bearer");
        assertThat(authorization.path("credentials_file").asText()).startsWith("/");
        assertThat(authorization.has("credentials")).isFalse();

        List<String> services = new ArrayList<>();
        job.path("static_configs").forEach(c -> services.add(c.at("/labels/service").asText()));
        assertThat(services).containsExactlyInAnyOrder("graphql", "mcp", "worker");
    }

    @Test
    void noJobCarriesASecretInline() {
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            assertThat(job.has("bearer_token")).as(name).isFalse();
            assertThat(job.path("basic_auth").has("password")).as(name).isFalse();
            assertThat(job.path("authorization").has("credentials")).as(name).isFalse();
        }
    }

    @Test
    void jobNamesAreUnique() {
        List<String> names = new ArrayList<>();
        config.path("scrape_configs").forEach(job -> names.add(job.path("job_name").asText()));
        assertThat(names).doesNotHaveDuplicates().hasSize(2);
    }

    private JsonNode job(String name) {
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.path("job_name").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no scrape job " + name);
    }

    /** The regex of the relabelling that keeps one service;port pair per pod. */
    private static String keptPortsRegex(JsonNode job) {
        for (JsonNode rule : job.path("relabel_configs")) {
            if (rule.path("action").asText().equals("keep")
                    && texts(rule.path("source_labels"))
                            .contains("__meta_kubernetes_pod_container_port_number")) {
                return rule.path("regex").asText();
            }
        }
        throw new AssertionError("no relabelling keeps the metrics port");
    }

    /** The management port when the service has a management interface, else its HTTP port. */
    private static String metricsPort(String service) {
        Properties properties = new Properties();
        Path file = SERVICES.resolve(service).resolve("src/main/resources/application.properties");
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return Boolean.parseBoolean(properties.getProperty("quarkus.management.enabled"))
                ? properties.getProperty("quarkus.management.port")
                : properties.getProperty("quarkus.http.port");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(
                            PlatformDashboardTest.OBSERVABILITY
                                    .resolve("platform-scrape.yaml")
                                    .toFile());
        } catch (IOException e) {
            throw new AssertionError("the scrape configuration is not valid YAML", e);
        }
    }
}
