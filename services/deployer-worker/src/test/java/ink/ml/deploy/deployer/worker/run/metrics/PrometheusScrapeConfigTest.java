package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.observability.metrics.CadvisorQueries;
import ink.ml.deploy.testing.PrometheusProcess;
import ink.ml.deploy.testing.RealParts;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/…/observability/prometheus-scrape.yaml against the code: the job and path the metrics
 * source queries and the exporter serves, the series names the queries read.
 */
class PrometheusScrapeConfigTest {
    private static final Path FILE =
            Path.of("../../deploy/eu-central-1/k8s/observability/prometheus-scrape.yaml");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void clusterScrapesCadvisorThroughTheNodeProxyAsTheJobTheQueriesSelect() throws Exception {
        Map<String, Object> kubelet = job(documents().get(0), CadvisorQueries.JOB);

        assertThat(kubelet).containsEntry("honor_labels", true);
        assertThat(list(kubelet, "relabel_configs"))
                .anySatisfy(
                        relabel -> {
                            assertThat(relabel).containsEntry("target_label", "__metrics_path__");
                            assertThat((String) relabel.get("replacement"))
                                    .endsWith("/proxy" + CadvisorMetricsResource.PATH);
                        });
        String kept = (String) list(kubelet, "metric_relabel_configs").get(0).get("regex");
        for (String series :
                List.of(
                        CadvisorQueries.MEMORY,
                        CadvisorQueries.CPU,
                        CadvisorQueries.RECEIVE,
                        CadvisorQueries.TRANSMIT)) {
            assertThat(series).matches(kept);
        }
        String restarts =
                (String)
                        list(
                                        job(documents().get(0), "kube-state-metrics"),
                                        "metric_relabel_configs")
                                .get(0)
                                .get("regex");
        assertThat(CadvisorQueries.RESTARTS).matches(restarts);
    }

    @Test
    void oneMachineScrapesTheDeployerWorkersExporterAsTheSameJob() throws Exception {
        Map<String, Object> kubelet = job(documents().get(1), CadvisorMetricsResource.JOB);

        assertThat(CadvisorMetricsResource.JOB).isEqualTo(CadvisorQueries.JOB);
        assertThat(kubelet)
                .containsEntry("honor_labels", true)
                .containsEntry("metrics_path", CadvisorMetricsResource.PATH);
        @SuppressWarnings("unchecked")
        List<String> targets = (List<String>) list(kubelet, "static_configs").get(0).get("targets");
        assertThat(targets).containsExactly("127.0.0.1:" + workerPort());
    }

    @Test
    void oneMachinesDocumentIsAConfigDebiansPrometheusTakes(@TempDir Path directory)
            throws Exception {
        RealParts.require(PrometheusProcess.unavailableReason());
        // Debian builds Prometheus without Kubernetes discovery, so only this document is checked.
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, new Yaml().dump(documents().get(1)));

        Process check =
                new ProcessBuilder(PROMTOOL.toString(), "check", "config", config.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents() throws Exception {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(FILE))) {
            documents.add((Map<String, Object>) document);
        }
        assertThat(documents).hasSize(2);
        return documents;
    }

    private static Map<String, Object> job(Map<String, Object> document, String name) {
        return list(document, "scrape_configs").stream()
                .filter(job -> name.equals(job.get("job_name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name + " in " + document));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    private static String workerPort() throws Exception {
        Properties properties = new Properties();
        // The service's own file: the tests' resources hold another of that name.
        try (InputStream in =
                Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties.getProperty("quarkus.http.port");
    }
}
