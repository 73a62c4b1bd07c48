package ink.ml.deploy.e2e;

import ink.ml.deploy.local.LocalPlatform;
import ink.ml.deploy.local.LocalPlatformOptions;
import ink.ml.deploy.testing.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * How fast a dashboard reads an app's runtime logs and figures while others do too: {@code
 * serviceLogs(first: 1000)} over an app that printed 1,000 lines, and {@code serviceMetrics(range:
 * "1h", step: "60s")} (60 points of each series), each from 20 concurrent clients for {@code
 * -Dbench.seconds} (default 20), against {@code ./run-platform}'s default setup (the app engine's
 * logs API, Debian's Prometheus scraping every second). Prints p50/p99/max and throughput; asserts
 * nothing. Its name ends in neither IT nor Test, so no test run picks it up: see bench/README.md.
 */
class ObservabilityBenchmark {
    private static final Path WORK = Path.of("target", "bench-observability-work").toAbsolutePath();
    private static final int CLIENTS = Integer.getInteger("bench.clients", 20);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final int LINES = 1000;

    @Test
    void printsTheLatencyOfServiceLogsAndServiceMetricsUnderConcurrentClients() throws Exception {
        Directories.recreate(WORK);
        try (LocalPlatform platform =
                LocalPlatform.start(
                        LocalPlatformOptions.defaults(Path.of("..").toAbsolutePath().normalize())
                                .withRandomPorts()
                                .withEnvironment(Map.of())
                                .withMetricsScrapeInterval(Duration.ofSeconds(1))
                                .withLogDirectory(
                                        Path.of("target", "bench-observability-logs")
                                                .toAbsolutePath()))) {
            if (!platform.appsRunOnDocker()) {
                throw new IllegalStateException(
                        "apps must run on Docker for this benchmark: "
                                + platform.appsDescription());
            }
            InternalApp app = InternalApp.create(platform, WORK, "bench-observed", "bench");
            ObservedApp.writeTo(app.git());
            String sha = app.git().commit("observed");
            app.git().push(app.grant().remoteUrl(), app.grant().token());
            DeploymentView deployment =
                    app.follower().follow(app.serviceId(), sha, Duration.ofMinutes(3)).deployment();
            if (!"ACTIVE".equals(deployment.status())) {
                throw new IllegalStateException("the app did not go live: " + deployment);
            }
            EdgeClient edge = new EdgeClient(platform.edgePort());
            String hostname = "web-bench-" + app.userId() + ".localhost";
            // Each request writes one line to stdout and one to stderr.
            for (int i = 0; i < LINES / 2; i++) {
                edge.get(hostname, "/cgi-bin/say?line-" + i);
            }
            Dashboard dashboard = app.dashboard();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (dashboard.serviceLogs(app.serviceId(), null, LINES).size() < LINES
                    || dashboard.memoryWorkingSetBytes(app.serviceId(), "1h", "60s").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the lines or figures never showed");
                }
                Thread.sleep(500);
            }

            List<String> report = new ArrayList<>();
            report.add(
                    measure(
                            "serviceLogs(first: 1000)",
                            () -> dashboard.serviceLogs(app.serviceId(), null, LINES).size()));
            report.add(
                    measure(
                            "serviceMetrics(range: 1h, step: 60s), all five series",
                            () ->
                                    dashboard
                                            .serviceMetrics(
                                                    app.serviceId(),
                                                    "1h",
                                                    "60s",
                                                    "memoryWorkingSetBytes { value } cpuCores {"
                                                            + " value } networkReceiveBytesPerSecond {"
                                                            + " value } networkTransmitBytesPerSecond"
                                                            + " { value } restarts { value }")
                                            .size()));
            report.forEach(System.out::println);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "observability-benchmark.txt"), report);
        }
    }

    private static String measure(String name, IntSupplier request) throws InterruptedException {
        request.getAsInt(); // warm-up
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + RUN.toNanos();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.execute(
                    () -> {
                        while (System.nanoTime() < end) {
                            long started = System.nanoTime();
                            try {
                                request.getAsInt();
                                latencies.add(System.nanoTime() - started);
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                            }
                        }
                        done.countDown();
                    });
        }
        done.await();
        clients.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return name + ": no request succeeded (" + failures.get() + " failed)";
        }
        return String.format(
                "%s, %d clients, %d s: %d requests (%.1f/s), p50 %.1f ms, p99 %.1f ms, max %.1f"
                        + " ms, %d failed",
                name,
                CLIENTS,
                RUN.toSeconds(),
                sorted.size(),
                sorted.size() / (double) RUN.toSeconds(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6,
                failures.get());
    }

    private static double percentile(List<Long> sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
