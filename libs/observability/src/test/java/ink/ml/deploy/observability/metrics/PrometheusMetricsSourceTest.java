package ink.ml.deploy.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.testing.PrometheusProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source against Debian's real Prometheus, scraping (every second, as {@code job="kubelet"}) an
 * exposition in cAdvisor's shape served here: service {@code web} of alice's project {@code shop}
 * has two pods; next to them run {@code web-api} in the same namespace, a {@code web} in bob's
 * namespace, a container-level ({@code container="app"}) series of {@code web}'s own pod, and the
 * same series scraped under another job. None of those may count.
 */
class PrometheusMetricsSourceTest {
    private static final double MIB = 1024 * 1024;
    private static final ServiceRef WEB = ServiceRef.of("alice", "shop", "web");
    private static final Duration SCRAPE = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final String KUBELET_PATH = "/metrics/cadvisor";

    /** The same exposition for the second job, on its own path so that its scrapes are counted. */
    private static final String COPY_PATH = "/metrics/cadvisor-copy";

    private static final AtomicInteger webRestarts = new AtomicInteger();

    /** Per path, web's restart count in the last answer to a scrape. */
    private static final Map<String, Integer> webRestartsLastServed = new ConcurrentHashMap<>();

    private static HttpServer kubelet;
    private static PrometheusProcess prometheus;
    private static long startedMillis;

    @BeforeAll
    static void scrapeTheFixedExposition() throws IOException {
        startedMillis = System.currentTimeMillis();
        kubelet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kubelet.createContext(KUBELET_PATH, PrometheusMetricsSourceTest::serve);
        kubelet.createContext(COPY_PATH, PrometheusMetricsSourceTest::serve);
        kubelet.start();
        String target = "127.0.0.1:" + kubelet.getAddress().getPort();
        prometheus =
                PrometheusProcess.startOrSkip(
                        SCRAPE,
                        List.of(
                                new PrometheusProcess.ScrapeJob(
                                        CadvisorQueries.JOB, List.of(target), KUBELET_PATH),
                                new PrometheusProcess.ScrapeJob(
                                        "node", List.of(target), COPY_PATH)));
    }

    /** Answers a scrape with the exposition, noting the restart count it carried. */
    private static void serve(HttpExchange exchange) throws IOException {
        int restarts = webRestarts.get();
        byte[] body = exposition(restarts).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        webRestartsLastServed.put(exchange.getHttpContext().getPath(), restarts);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (kubelet != null) {
            kubelet.stop(0);
        }
    }

    /**
     * What the stand-in kubelet answers: gauges fixed, counters growing at fixed rates per second
     * since the test started, every sample stamped with the time its value was taken (as cAdvisor
     * stamps its own). Without the stamp Prometheus would date a sample at the scrape's start, and
     * an answer late on a loaded machine would read as a burst in the rates.
     */
    private static String exposition(int webRestartCount) {
        long atMillis = System.currentTimeMillis();
        double seconds = (atMillis - startedMillis) / 1000.0;
        StringBuilder text = new StringBuilder();
        pod(text, "dp-alice-shop", "web-5f7c9d-abcde", "", 100 * MIB, 0.25, 1000, 500, seconds);
        pod(text, "dp-alice-shop", "web-5f7c9d-fghij", "", 50 * MIB, 0.5, 3000, 1500, seconds);
        pod(text, "dp-alice-shop", "web-5f7c9d-abcde", "app", 5000 * MIB, 8, 90000, 90000, seconds);
        pod(text, "dp-alice-shop", "web-api-6b8d4-klmno", "", 7 * MIB, 2, 70000, 70000, seconds);
        pod(text, "dp-bob-shop", "web-7c6d5-pqrst", "", 999 * MIB, 4, 50000, 50000, seconds);
        restarts(text, "dp-alice-shop", "web-5f7c9d-abcde", webRestartCount);
        restarts(text, "dp-alice-shop", "web-api-6b8d4-klmno", 50);
        restarts(text, "dp-bob-shop", "web-7c6d5-pqrst", 70);
        return text.toString()
                .lines()
                .map(sample -> sample + " " + atMillis)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static void pod(
            StringBuilder text,
            String namespace,
            String pod,
            String container,
            double memory,
            double cores,
            double receivePerSecond,
            double transmitPerSecond,
            double seconds) {
        String labels =
                "{container=\""
                        + container
                        + "\",namespace=\""
                        + namespace
                        + "\",pod=\""
                        + pod
                        + "\"";
        text.append("container_memory_working_set_bytes")
                .append(labels)
                .append("} ")
                .append((long) memory)
                .append('\n');
        text.append("container_cpu_usage_seconds_total")
                .append(labels)
                .append("} ")
                .append(cores * seconds)
                .append('\n');
        text.append("container_network_receive_bytes_total")
                .append(labels)
                .append(",interface=\"eth0\"} ")
                .append(receivePerSecond * seconds)
                .append('\n');
        text.append("container_network_transmit_bytes_total")
                .append(labels)
                .append(",interface=\"eth0\"} ")
                .append(transmitPerSecond * seconds)
                .append('\n');
    }

    private static void restarts(StringBuilder text, String namespace, String pod, int count) {
        text.append("kube_pod_container_status_restarts_total{container=\"app\",namespace=\"")
                .append(namespace)
                .append("\",pod=\"")
                .append(pod)
                .append("\"} ")
                .append(count)
                .append('\n');
    }

    private static PrometheusMetricsSource source() {
        return new PrometheusMetricsSource(prometheus.url(), Duration.ofSeconds(5), SCRAPE);
    }

    private static ResourceSeries awaitSeries(Predicate<ResourceSeries> done, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ResourceSeries series = null;
        while (System.nanoTime() < deadline) {
            series =
                    source().read(
                                    WEB,
                                    new MetricsWindow(
                                            Instant.now(),
                                            Duration.ofSeconds(30),
                                            Duration.ofSeconds(1)));
            if (done.test(series)) {
                return series;
            }
            pause();
        }
        throw new AssertionError(what + " within " + DEADLINE + "; last read: " + series);
    }

    @Test
    void memoryIsTheSumOfTheServicesPodLevelWorkingSetsExactly() {
        ResourceSeries series =
                awaitSeries(read -> !read.memoryWorkingSetBytes().isEmpty(), "memory points");

        assertThat(series.memoryWorkingSetBytes())
                .allSatisfy(point -> assertThat(point.value()).isEqualTo(150 * MIB));
    }

    @Test
    void ratesAreTheServicesOwnAfterTheCountersMove() {
        ResourceSeries series =
                awaitSeries(
                        read ->
                                last(read.cpuCores()) > 0.7
                                        && last(read.networkReceiveBytesPerSecond()) > 3600
                                        && last(read.networkTransmitBytesPerSecond()) > 1800,
                        "rates near the pods' own");

        assertThat(last(series.cpuCores())).isCloseTo(0.75, within(0.1));
        assertThat(last(series.networkReceiveBytesPerSecond())).isCloseTo(4000, within(400.0));
        assertThat(last(series.networkTransmitBytesPerSecond())).isCloseTo(2000, within(200.0));
        // web-api, bob's web, the container-level series or a second job would add cores and
        // bytes beyond these at every point.
        assertThat(series.cpuCores())
                .allSatisfy(point -> assertThat(point.value()).isLessThan(1.0));
        assertThat(series.networkReceiveBytesPerSecond())
                .allSatisfy(point -> assertThat(point.value()).isLessThan(5000));
    }

    @Test
    void restartsCountOnlyTheServicesOwnPods() {
        // Both jobs store the count before the restarts and after them, so that a query counting
        // each job's copy would read four at the points whose window holds both jumps.
        awaitBothJobsScraped(0);
        webRestarts.set(2);
        awaitBothJobsScraped(2);
        // Stored just after the answer.
        pause(SCRAPE);
        ResourceSeries series =
                awaitSeries(read -> highest(read.restarts()) >= 2, "web's two restarts");

        // Exactly the two, at every point whose window holds the jump, whenever the read came:
        // web-api's 50, bob's 70 or the other job's copy of web's own would read more.
        assertThat(highest(series.restarts())).isEqualTo(2.0);
        assertThat(series.restarts())
                .allSatisfy(point -> assertThat(point.value()).isBetween(0.0, 2.0));
    }

    private static void awaitBothJobsScraped(int webRestartCount) {
        await("both jobs scraping web's restart count " + webRestartCount)
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () ->
                                webRestartsLastServed.equals(
                                        Map.of(
                                                KUBELET_PATH, webRestartCount,
                                                COPY_PATH, webRestartCount)));
    }

    @Test
    void prometheusDownIsUnavailableNamingPrometheus() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PrometheusMetricsSource source =
                new PrometheusMetricsSource(
                        URI.create("http://127.0.0.1:" + closedPort),
                        Duration.ofSeconds(2),
                        SCRAPE);

        assertThatThrownBy(() -> source.read(WEB, lastMinute()))
                .isInstanceOfSatisfying(
                        ObservabilityUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo("Prometheus"))
                .hasMessageStartingWith("Prometheus is unavailable: cannot be reached");
    }

    @Test
    void prometheusSlowerThanTheTimeoutIsUnavailableNamingPrometheus() throws IOException {
        // A stand-in that takes the connection and never answers in time.
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext(
                "/",
                exchange -> {
                    pause(Duration.ofSeconds(5));
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try {
            PrometheusMetricsSource source =
                    new PrometheusMetricsSource(
                            URI.create("http://127.0.0.1:" + slow.getAddress().getPort()),
                            Duration.ofMillis(300),
                            SCRAPE);

            assertThatThrownBy(() -> source.read(WEB, lastMinute()))
                    .isInstanceOf(ObservabilityUnavailableException.class)
                    .hasMessage("Prometheus is unavailable: did not answer within 300 ms");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void prometheusRefusingTheQueryIsUnavailableWithItsReason() throws IOException {
        // A stand-in answering with Prometheus's documented error shape.
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext(
                "/api/v1/query_range",
                exchange -> {
                    byte[] body =
                            "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples into memory\"}"
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(422, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        refusing.start();
        try {
            PrometheusMetricsSource source =
                    new PrometheusMetricsSource(
                            URI.create("http://127.0.0.1:" + refusing.getAddress().getPort()),
                            Duration.ofSeconds(2),
                            SCRAPE);

            assertThatThrownBy(() -> source.read(WEB, lastMinute()))
                    .isInstanceOf(ObservabilityUnavailableException.class)
                    .hasMessage(
                            "Prometheus is unavailable: refused the query (HTTP 422, execution:"
                                    + " query processing would load too many samples into memory)");
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void somethingElseAnsweringInPrometheussPlaceIsUnavailable() throws IOException {
        // A stand-in for a proxy in front of Prometheus answering with its own page.
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext(
                "/",
                exchange -> {
                    byte[] body = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(502, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        proxy.start();
        try {
            PrometheusMetricsSource source =
                    new PrometheusMetricsSource(
                            URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()),
                            Duration.ofSeconds(2),
                            SCRAPE);

            assertThatThrownBy(() -> source.read(WEB, lastMinute()))
                    .isInstanceOf(ObservabilityUnavailableException.class)
                    .hasMessage(
                            "Prometheus is unavailable: answered HTTP 502 with a body that is not"
                                    + " JSON");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void readsPrometheusSpecialValues() {
        assertThat(PrometheusMetricsSource.value("NaN")).isNaN();
        assertThat(PrometheusMetricsSource.value("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PrometheusMetricsSource.value("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PrometheusMetricsSource.value("1.5e+06")).isEqualTo(1.5e6);
    }

    private static MetricsWindow lastMinute() {
        return new MetricsWindow(Instant.now(), Duration.ofMinutes(1), Duration.ofSeconds(15));
    }

    private static double highest(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).max().orElse(0);
    }

    private static double last(List<Sample> samples) {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).value();
    }

    private static void pause() {
        pause(Duration.ofMillis(250));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
