package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debian's Prometheus, scraping a target served here; skipped where it is not installed. */
class PrometheusProcessTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapesTheGivenJobUnderItsNameAndPathAndLeavesNothingBehind() throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext(
                "/custom/metrics",
                exchange -> {
                    byte[] body = "demo_value{kind=\"x\"} 42\n".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        target.start();
        Path directory;
        try (PrometheusProcess prometheus =
                PrometheusProcess.startOrSkip(
                        Duration.ofSeconds(1),
                        List.of(
                                new PrometheusProcess.ScrapeJob(
                                        "kubelet",
                                        List.of("127.0.0.1:" + target.getAddress().getPort()),
                                        "/custom/metrics")))) {
            directory = prometheus.configFile().getParent();

            String answer = awaitResult(prometheus.url(), "demo_value{job=\"kubelet\",kind=\"x\"}");

            assertThat(answer).contains("\"42\"");
        } finally {
            target.stop(0);
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void quotesJobNamesAndTargetsInItsConfig() {
        String config =
                PrometheusProcess.config(
                        Duration.ofSeconds(2),
                        List.of(
                                new PrometheusProcess.ScrapeJob(
                                        "it's", List.of("127.0.0.1:9"), "/metrics")));

        assertThat(config)
                .contains("scrape_interval: 2s")
                .contains("job_name: 'it''s'")
                .contains("targets: ['127.0.0.1:9']")
                .contains("metrics_path: '/metrics'");
    }

    private String awaitResult(URI prometheus, String query) throws Exception {
        URI uri =
                prometheus.resolve(
                        "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body =
                    http.send(
                                    HttpRequest.newBuilder(uri).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            if (!body.contains("\"result\":[]")) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no result for " + query + " within 30 s: " + body);
    }
}
