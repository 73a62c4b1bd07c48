package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.deployer.worker.run.docker.ContainerLabels;
import ink.ml.deploy.deployer.worker.run.docker.DockerEngineClients;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.metrics.MetricsWindow;
import ink.ml.deploy.observability.metrics.PrometheusMetricsSource;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.observability.metrics.Sample;
import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.PrometheusProcess;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.StaticBusybox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker target's exporter against a real app engine with gVisor and Debian's real Prometheus
 * scraping it as {@code job="kubelet"}, read back through {@link PrometheusMetricsSource}: what an
 * app allocates under runsc shows as its own memory, and the series carry its namespace and pod.
 */
class AppContainerMetricsTest {
    private static final double MIB = 1024 * 1024;
    private static final int HELD_MIB = 100;
    // Each scrape may take as long as the interval: 2 s leaves room on a loaded machine.
    private static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String IMAGE = "local/metrics-app:1";

    private static final ServiceRef WEB = ServiceRef.of("alice", "shop", "web");
    private static final ServiceRef WEB_API = ServiceRef.of("alice", "shop", "web-api");

    private static AppEngineProcess engine;
    private static DockerClient docker;
    private static HttpServer exporter;
    private static PrometheusProcess prometheus;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startEngineExporterAndPrometheus() throws Exception {
        RealParts.require(StaticBusybox.unavailableReason());
        engine = AppEngineProcess.startOrSkip();
        docker = DockerEngineClients.connect(engine.host());
        importImage();
        AppContainerMetrics metrics = new AppContainerMetrics(docker, HostContainerUsage.host());
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext(
                CadvisorMetricsResource.PATH,
                exchange -> {
                    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders()
                            .add("Content-Type", CadvisorExposition.CONTENT_TYPE);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        exporter.start();
        prometheus =
                PrometheusProcess.startOrSkip(
                        SCRAPE,
                        List.of(
                                new PrometheusProcess.ScrapeJob(
                                        CadvisorMetricsResource.JOB,
                                        List.of("127.0.0.1:" + exporter.getAddress().getPort()),
                                        CadvisorMetricsResource.PATH)));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.stop(0);
        }
        if (docker != null) {
            docker.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void memoryTheAppHoldsUnderGvisorShowsAsItsOwnWithinTenPercent() throws Exception {
        String web = runApp(WEB, "d-1");
        String webApi = runApp(WEB_API, "d-2");
        // A container the platform did not make: none of its figures may be exported.
        String stranger = run(engine.command("run", "-d", "--runtime", "runsc", IMAGE)).trim();

        double baseline =
                last(
                        awaitSeries(read -> !read.memoryWorkingSetBytes().isEmpty())
                                .memoryWorkingSetBytes());
        // tail -c keeps the last N MiB it read in memory until its input ends, which the sleep
        // holding the pipe open never lets happen.
        run(
                engine.command(
                        "exec",
                        "-d",
                        web,
                        "/busybox",
                        "sh",
                        "-c",
                        "(/busybox head -c "
                                + HELD_MIB
                                + "m /dev/zero; exec /busybox sleep 3600) | /busybox tail -c "
                                + HELD_MIB
                                + "m > /dev/null"));
        // The shells' command lines name head too; only head's own line ends with its input.
        awaitInContainer(
                web,
                output ->
                        output.lines()
                                .noneMatch(
                                        line ->
                                                line.endsWith(
                                                        "head -c " + HELD_MIB + "m /dev/zero")),
                "head finished writing");
        ResourceSeries held =
                awaitSeries(
                        read ->
                                last(read.memoryWorkingSetBytes())
                                        >= baseline + 0.9 * HELD_MIB * MIB);

        double grown = (last(held.memoryWorkingSetBytes()) - baseline) / MIB;
        assertThat(grown).isBetween(0.9 * HELD_MIB, 1.1 * HELD_MIB);
        assertThat(held.cpuCores()).allSatisfy(point -> assertThat(point.value()).isNotNegative());

        // Were these the host's figures (what Docker and runsc report under --ignore-cgroups),
        // web-api, which holds nothing, would show the same.
        assertThat(last(read(WEB_API).memoryWorkingSetBytes())).isLessThan(0.5 * HELD_MIB * MIB);

        List<Map<String, String>> series = labelsOf("container_memory_working_set_bytes");
        assertThat(series)
                .extracting(labels -> labels.get("pod"))
                .noneMatch(pod -> pod.endsWith(stranger.substring(0, 12)));
        assertThat(series)
                .filteredOn(labels -> "dp-alice-shop".equals(labels.get("namespace")))
                .extracting(labels -> labels.get("pod"))
                .containsExactlyInAnyOrder(
                        "web-d1-" + web.substring(0, 12), "web-api-d2-" + webApi.substring(0, 12));
        assertThat(series)
                .allSatisfy(
                        labels -> {
                            assertThat(labels).containsEntry("job", "kubelet");
                            assertThat(labels.get("container")).isNull();
                        });
    }

    @Test
    void cpuOfABusyAppIsItsOwnAndNotItsIdleNeighboursNorTheHosts() throws Exception {
        ServiceRef busy = ServiceRef.of("carol", "lab", "busy");
        ServiceRef idle = ServiceRef.of("carol", "lab", "idle");
        String busyContainer = runApp(busy, "d-3");
        runApp(idle, "d-4");

        // A shell loop without system calls: up to one core of the app's own work.
        run(
                engine.command(
                        "exec",
                        "-d",
                        busyContainer,
                        "/busybox",
                        "sh",
                        "-c",
                        "while :; do :; done"));
        awaitSeries(busy, read -> last(read.cpuCores()) > 0.3);

        // The host's figure would be the same for both: the whole machine's CPU. The idle app's
        // first windows may hold its own sandbox's start, so its figure is awaited to settle,
        // which the host's, with the busy app spinning, never would.
        ResourceSeries idleSeries =
                awaitSeries(
                        idle, read -> !read.cpuCores().isEmpty() && last(read.cpuCores()) < 0.1);
        assertThat(last(idleSeries.cpuCores())).isLessThan(0.1);
    }

    private String runApp(ServiceRef service, String deployment) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "-d", "--runtime", "runsc"));
        new ContainerLabels(
                        service,
                        DeploymentId.of(deployment),
                        service.hostLabel() + ".apps.localhost",
                        8080)
                .toMap()
                .forEach((key, value) -> command.addAll(List.of("--label", key + "=" + value)));
        command.add(IMAGE);
        return run(engine.command(command.toArray(String[]::new))).trim();
    }

    private ResourceSeries awaitSeries(Predicate<ResourceSeries> done) {
        return awaitSeries(WEB, done);
    }

    /** The last 30 s of {@code service}'s figures, a point a second. */
    private ResourceSeries read(ServiceRef service) {
        return new PrometheusMetricsSource(prometheus.url(), Duration.ofSeconds(5), SCRAPE)
                .read(
                        service,
                        new MetricsWindow(
                                Instant.now(), Duration.ofSeconds(30), Duration.ofSeconds(1)));
    }

    private ResourceSeries awaitSeries(ServiceRef service, Predicate<ResourceSeries> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ResourceSeries series = null;
        while (System.nanoTime() < deadline) {
            series = read(service);
            if (done.test(series)) {
                return series;
            }
            pause();
        }
        throw new AssertionError("not within " + DEADLINE + "; last read: " + series);
    }

    private void awaitInContainer(String container, Predicate<String> done, String what)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String output = "";
        while (System.nanoTime() < deadline) {
            output = run(engine.command("exec", container, "/busybox", "ps"));
            if (done.test(output)) {
                return;
            }
            pause();
        }
        throw new AssertionError(what + " not within " + DEADLINE + ": " + output);
    }

    /** The label sets of the series Prometheus holds under {@code name}, as it stores them. */
    private List<Map<String, String>> labelsOf(String name) throws Exception {
        URI uri =
                prometheus
                        .url()
                        .resolve(
                                "/api/v1/query?query="
                                        + URLEncoder.encode(name, StandardCharsets.UTF_8));
        JsonNode body =
                json.readTree(
                        http.send(
                                        HttpRequest.newBuilder(uri).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body());
        List<Map<String, String>> labels = new ArrayList<>();
        for (JsonNode series : body.path("data").path("result")) {
            Map<String, String> metric = new java.util.HashMap<>();
            series.path("metric")
                    .fields()
                    .forEachRemaining(
                            field -> metric.put(field.getKey(), field.getValue().asText()));
            labels.add(metric);
        }
        return labels;
    }

    private static void importImage() throws Exception {
        Path context = Files.createTempDirectory("metrics-app-");
        try {
            Files.copy(StaticBusybox.PATH, context.resolve("busybox"));
            Path tar = context.resolve("app.tar");
            run(List.of("tar", "-C", context.toString(), "-cf", tar.toString(), "busybox"));
            run(
                    engine.command(
                            "import",
                            "--change",
                            "CMD [\"/busybox\", \"sleep\", \"3600\"]",
                            tar.toString(),
                            IMAGE));
        } finally {
            Directories.deleteQuietly(context);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    private static double last(List<Sample> samples) {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).value();
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
