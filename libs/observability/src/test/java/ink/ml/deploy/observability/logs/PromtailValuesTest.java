package ink.ml.deploy.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The log agent's config in deploy/ sets exactly the labels the queries select by ({@link
 * LokiLabels}), from the keys libs/k8s puts on the pods: a renamed label on either side fails here
 * instead of returning no lines in production.
 */
class PromtailValuesTest {
    private static final Path VALUES =
            Path.of("../../deploy/eu-central-1/k8s/observability/promtail-values.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode job;

    @BeforeAll
    static void readTheOneScrapeJob() throws Exception {
        JsonNode values = YAML.readTree(Files.readString(VALUES));
        // The chart takes its scrape configs as a string of YAML.
        JsonNode jobs =
                YAML.readTree(
                        values.path("config").path("snippets").path("scrapeConfigs").asText());
        assertThat(jobs).hasSize(1);
        job = jobs.get(0);
    }

    @Test
    void setsExactlyTheLabelsTheQueriesSelectBy() {
        Set<String> labels = new HashSet<>(relabelTargets().keySet());
        labels.removeIf(label -> label.startsWith("__"));
        if (stages().contains("cri")) {
            labels.add(LokiLabels.STREAM);
        }

        assertThat(labels).containsExactlyInAnyOrderElementsOf(LokiLabels.ALL);
    }

    @Test
    void takesEachLabelFromThePodsOwnKeys() {
        Map<String, String> targets = relabelTargets();

        assertThat(targets)
                .containsEntry(LokiLabels.NAMESPACE, "__meta_kubernetes_namespace")
                .containsEntry(
                        LokiLabels.SERVICE,
                        "__meta_kubernetes_pod_label_" + sanitized(Labels.SERVICE))
                .containsEntry(
                        LokiLabels.DEPLOYMENT_ID,
                        "__meta_kubernetes_pod_annotation_"
                                + sanitized(ServiceWorkload.DEPLOYMENT_ID_ANNOTATION));
    }

    @Test
    void shipsOnlyThePlatformsPods() {
        JsonNode keep =
                rules().stream()
                        .filter(rule -> "keep".equals(rule.path("action").asText()))
                        .findFirst()
                        .orElseThrow();

        assertThat(keep.path("source_labels").get(0).asText())
                .isEqualTo("__meta_kubernetes_pod_label_" + sanitized(Labels.MANAGED_BY));
        assertThat(keep.path("regex").asText()).isEqualTo(Labels.MANAGER);
    }

    @Test
    void dropsTheFilenameLabelPromtailAdds() {
        JsonNode drop =
                StreamSupport.stream(job.path("pipeline_stages").spliterator(), false)
                        .filter(stage -> stage.has("labeldrop"))
                        .findFirst()
                        .orElseThrow();

        assertThat(drop.path("labeldrop").get(0).asText()).isEqualTo("filename");
    }

    /** Target label → its one source label, for the rules that copy one. */
    private static Map<String, String> relabelTargets() {
        Map<String, String> targets = new HashMap<>();
        for (JsonNode rule : rules()) {
            if (rule.has("target_label")) {
                targets.put(
                        rule.path("target_label").asText(),
                        rule.path("source_labels").get(0).asText());
            }
        }
        return targets;
    }

    private static List<JsonNode> rules() {
        return StreamSupport.stream(job.path("relabel_configs").spliterator(), false).toList();
    }

    private static Set<String> stages() {
        Set<String> stages = new HashSet<>();
        job.path("pipeline_stages")
                .forEach(stage -> stage.fieldNames().forEachRemaining(stages::add));
        return stages;
    }

    /** How Kubernetes service discovery spells a label or annotation key in a meta label. */
    private static String sanitized(String key) {
        return key.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
