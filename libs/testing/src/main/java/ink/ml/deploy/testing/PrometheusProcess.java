package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}, 2.42) on a free loopback port, with its config
 * and its TSDB in a temporary directory of its own, scraping the jobs it is given every {@code
 * scrapeInterval}: the real Prometheus that the metrics source's tests query and that the local
 * platform runs. Close it to stop it and delete its directory.
 *
 * <p>Where the package is missing, {@link #startOrSkip} skips the calling test with a message
 * saying so ({@link RealParts}: in CI it fails); a Prometheus that is installed but does not start
 * fails the test, with its output.
 */
public final class PrometheusProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Duration scrapeInterval;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
    private Process process;

    /**
     * One {@code scrape_configs} entry: Prometheus scrapes {@code http://<target><metricsPath>} for
     * each target and labels the series {@code job="<jobName>"}. The targets' own labels win over
     * Prometheus's ({@code honor_labels}), as for cAdvisor behind the kubelet.
     *
     * @param targets {@code host:port} each
     */
    public record ScrapeJob(String jobName, List<String> targets, String metricsPath) {
        public ScrapeJob {
            Objects.requireNonNull(jobName, "jobName");
            targets = List.copyOf(targets);
            Objects.requireNonNull(metricsPath, "metricsPath");
            if (!metricsPath.startsWith("/")) {
                throw new IllegalArgumentException(
                        "metricsPath must start with '/' (got \"" + metricsPath + "\")");
            }
        }
    }

    private PrometheusProcess(Path directory, Duration scrapeInterval, int port) {
        this.directory = directory;
        this.scrapeInterval = scrapeInterval;
        this.port = port;
    }

    /** {@link #start}, or a skipped test where Prometheus is not installed and this is not CI. */
    public static PrometheusProcess startOrSkip(Duration scrapeInterval, List<ScrapeJob> jobs) {
        RealParts.require(unavailableReason());
        return start(scrapeInterval, jobs);
    }

    /** Why Prometheus cannot run here (the package is missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(BINARY)
                ? Optional.empty()
                : Optional.of(
                        "Debian's prometheus is not installed ("
                                + BINARY
                                + "): scripts/host-packages installs it");
    }

    /**
     * Starts Prometheus on a free loopback port, scraping {@code jobs} every {@code scrapeInterval}
     * (whole seconds, at least 1); returns once it is ready ({@code /-/ready}). Fails when it is
     * missing ({@link #unavailableReason()}) or does not become ready.
     */
    public static PrometheusProcess start(Duration scrapeInterval, List<ScrapeJob> jobs) {
        InstalledParts.require(unavailableReason());
        if (scrapeInterval.toMillis() < 1000 || scrapeInterval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    "scrapeInterval must be whole seconds, at least 1 (got "
                            + scrapeInterval
                            + ")");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("prometheus-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrometheusProcess prometheus =
                new PrometheusProcess(directory, scrapeInterval, RegistryProcess.freePort());
        RegistryProcess.write(prometheus.configFile(), config(scrapeInterval, jobs));
        prometheus.run();
        return prometheus;
    }

    /**
     * The {@code prometheus.yml} for {@code jobs}, scraped every {@code scrapeInterval} (each
     * scrape may take up to that interval).
     */
    public static String config(Duration scrapeInterval, List<ScrapeJob> jobs) {
        String interval = scrapeInterval.toSeconds() + "s";
        StringBuilder yaml =
                new StringBuilder()
                        .append("global:\n")
                        .append("  scrape_interval: ")
                        .append(interval)
                        .append('\n')
                        .append("  scrape_timeout: ")
                        .append(interval)
                        .append('\n')
                        .append("  evaluation_interval: ")
                        .append(interval)
                        .append('\n')
                        .append("scrape_configs:")
                        .append(jobs.isEmpty() ? " []\n" : "\n");
        for (ScrapeJob job : jobs) {
            yaml.append("  - job_name: ")
                    .append(quoted(job.jobName()))
                    .append('\n')
                    .append("    honor_labels: true\n")
                    .append("    metrics_path: ")
                    .append(quoted(job.metricsPath()))
                    .append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: [")
                    .append(
                            job.targets().stream()
                                    .map(PrometheusProcess::quoted)
                                    .collect(Collectors.joining(", ")))
                    .append("]\n");
        }
        return yaml.toString();
    }

    /**
     * Replaces the scrape jobs in the running Prometheus (its {@code /-/reload}), keeping the
     * series it has: for a test or a platform whose targets' ports are known only after it started.
     */
    public void scrape(List<ScrapeJob> jobs) {
        RegistryProcess.write(configFile(), config(scrapeInterval, jobs));
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(url().resolve("/-/reload"))
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "prometheus refused the new config ("
                                + response.statusCode()
                                + "): "
                                + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus did not answer /-/reload", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading prometheus", e);
        }
    }

    /** Its HTTP API's base, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The config it runs with. */
    public Path configFile() {
        return directory.resolve("prometheus.yml");
    }

    private void run() {
        try {
            process =
                    new ProcessBuilder(
                                    BINARY.toString(),
                                    "--config.file=" + configFile(),
                                    "--storage.tsdb.path=" + directory.resolve("data"),
                                    "--web.listen-address=" + LOOPBACK + ":" + port,
                                    "--web.enable-lifecycle",
                                    "--log.level=warn")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                            .start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpReadiness.await(
                "prometheus",
                process,
                url().resolve("/-/ready"),
                START_TIMEOUT,
                log(),
                this::close);
    }

    private static String quoted(String value) {
        // A YAML single-quoted scalar: a quote is written twice; nothing else is special.
        return "'" + value.replace("'", "''") + "'";
    }

    private Path log() {
        return directory.resolve("prometheus.log");
    }

    /** Stops Prometheus and deletes its directory, series included. */
    @Override
    public void close() {
        if (process != null) {
            RegistryProcess.stop(process);
        }
        Directories.deleteQuietly(directory);
    }
}
