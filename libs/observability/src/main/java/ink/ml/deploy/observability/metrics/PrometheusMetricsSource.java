package ink.ml.deploy.observability.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads a service's figures from Prometheus's HTTP API ({@code GET /api/v1/query_range}) with
 * {@link CadvisorQueries}: five range queries, sent together, each a sum over the service's pods.
 *
 * <p>Prometheus down, slow (longer than the timeout), refusing a query ({@code
 * {"status":"error","errorType":…,"error":…}}) or answering something that is not a matrix: the
 * read throws {@link ObservabilityUnavailableException} naming Prometheus and what went wrong.
 */
public final class PrometheusMetricsSource implements MetricsSource {
    /**
     * How often Prometheus is assumed to scrape cAdvisor when not told: the usual 15 s for the
     * kubelet.
     */
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);

    static final String DEPENDENCY = "Prometheus";
    private static final String QUERY_RANGE = "api/v1/query_range";

    private final URI baseUrl;
    private final Duration timeout;
    private final Duration scrapeInterval;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrl Prometheus's HTTP API base, e.g. {@code https://prometheus.ml.ink}
     * @param timeout how long one read may take
     */
    public PrometheusMetricsSource(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, DEFAULT_SCRAPE_INTERVAL);
    }

    /**
     * @param scrapeInterval how often Prometheus scrapes the series: rates are taken over at least
     *     four of them ({@link CadvisorQueries#of})
     */
    public PrometheusMetricsSource(URI baseUrl, Duration timeout, Duration scrapeInterval) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.scrapeInterval = Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .build();
    }

    @Override
    public ResourceSeries read(ServiceRef service, MetricsWindow window) {
        CadvisorQueries queries = CadvisorQueries.of(service, window.step(), scrapeInterval);
        List<CompletableFuture<List<Sample>>> reads =
                List.of(
                        queryRange(queries.memoryWorkingSetBytes(), window),
                        queryRange(queries.cpuCores(), window),
                        queryRange(queries.networkReceiveBytesPerSecond(), window),
                        queryRange(queries.networkTransmitBytesPerSecond(), window),
                        queryRange(queries.restarts(), window));
        List<List<Sample>> series = new ArrayList<>();
        for (CompletableFuture<List<Sample>> read : reads) {
            try {
                series.add(read.join());
            } catch (CompletionException e) {
                reads.forEach(other -> other.cancel(true));
                if (e.getCause() instanceof ObservabilityUnavailableException unavailable) {
                    throw unavailable;
                }
                throw unavailable("the query failed: " + e.getCause(), e.getCause());
            }
        }
        return new ResourceSeries(
                series.get(0), series.get(1), series.get(2), series.get(3), series.get(4));
    }

    private CompletableFuture<List<Sample>> queryRange(String query, MetricsWindow window) {
        URI uri =
                baseUrl.resolve(
                        QUERY_RANGE
                                + "?query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                                + "&start="
                                + seconds(window.start())
                                + "&end="
                                + seconds(window.end())
                                + "&step="
                                + Math.max(1, window.step().toSeconds())
                                + "&timeout="
                                + Math.max(1, timeout.toSeconds())
                                + "s");
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle(
                        (response, failure) -> {
                            if (failure != null) {
                                throw unreachable(unwrap(failure));
                            }
                            return matrix(response);
                        });
    }

    /** The one series of a {@code sum(…)}, or none where nothing ran in the window. */
    private List<Sample> matrix(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw unavailable(
                    "answered HTTP " + response.statusCode() + " with a body that is not JSON", e);
        }
        if (body == null || !"success".equals(body.path("status").asText())) {
            String problem =
                    body == null
                            ? "an empty body"
                            : body.path("errorType").asText("unknown")
                                    + ": "
                                    + body.path("error").asText("no reason given");
            throw unavailable(
                    "refused the query (HTTP " + response.statusCode() + ", " + problem + ")",
                    null);
        }
        JsonNode data = body.path("data");
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw unavailable(
                    "answered a "
                            + data.path("resultType").asText("missing")
                            + " result, not a matrix",
                    null);
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            for (JsonNode point : series.path("values")) {
                samples.add(sample(point));
            }
        }
        return samples;
    }

    private static Sample sample(JsonNode point) {
        if (!point.isArray() || point.size() != 2) {
            throw unavailable("answered a point that is not [time, \"value\"]: " + point, null);
        }
        try {
            long millis = point.get(0).decimalValue().movePointRight(3).longValue();
            return new Sample(Instant.ofEpochMilli(millis), value(point.get(1).asText()));
        } catch (NumberFormatException e) {
            throw unavailable("answered a point that is not a number: " + point, e);
        }
    }

    /** Prometheus writes values as strings: Go's float format, with NaN, +Inf and -Inf. */
    static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    private ObservabilityUnavailableException unreachable(Throwable failure) {
        if (failure instanceof ObservabilityUnavailableException unavailable) {
            return unavailable;
        }
        if (failure instanceof HttpTimeoutException) {
            return unavailable("did not answer within " + timeout.toMillis() + " ms", failure);
        }
        return unavailable(
                "cannot be reached at " + baseUrl + " (" + failure.getClass().getSimpleName() + ")",
                failure);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ObservabilityUnavailableException unavailable(String problem, Throwable cause) {
        return new ObservabilityUnavailableException(DEPENDENCY, problem, cause);
    }
}
