package ink.ml.deploy.observability.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Runtime logs from Loki's HTTP API: {@code query_range} for a page, the {@code tail} WebSocket for
 * a follow, both with the selector of {@link LogQlQuery}. Every failure (refused, slow, an error
 * status, an unreadable answer) becomes an {@link ObservabilityUnavailableException} naming Loki,
 * with the status and Loki's own short reason, never a header.
 */
public final class LokiLogSource implements RuntimeLogSource {
    static final String DEPENDENCY = "Loki";
    private static final String QUERY_RANGE = "/loki/api/v1/query_range";
    private static final String TAIL = "/loki/api/v1/tail";

    /** Lines a tail may replay on connect; it starts at the call, so this only bounds a burst. */
    private static final int TAIL_LIMIT = 100;

    private static final int MAX_REASON_LENGTH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;

    public LokiLogSource(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, Clock.systemUTC());
    }

    LokiLogSource(URI baseUrl, Duration timeout, Clock clock) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.timeout = timeout;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    @Override
    public LogPage read(ServiceRef service, LogQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", LogQlQuery.of(service, query.deployment(), query.search()));
        parameters.put("start", LokiStreams.nanos(query.since()));
        parameters.put("end", LokiStreams.nanos(query.until()));
        // One more than asked: whether it comes back says whether the limit cut older lines.
        parameters.put("limit", Integer.toString(query.limit() + 1));
        parameters.put("direction", "backward");
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + QUERY_RANGE + "?" + form(parameters)))
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw unavailable(
                    "answered HTTP " + response.statusCode() + reason(response.body()), null);
        }
        List<LogLine> lines = new ArrayList<>(streams(response.body()));
        // Streams come one after another; newest first across all of them, then the page.
        lines.sort(Comparator.comparing(LogLine::timestamp).reversed());
        boolean truncated = lines.size() > query.limit();
        List<LogLine> page =
                new ArrayList<>(lines.subList(0, Math.min(lines.size(), query.limit())));
        Collections.reverse(page);
        return new LogPage(page, truncated);
    }

    @Override
    public LogTail tail(ServiceRef service, Optional<String> search, LogTail.Listener listener) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", LogQlQuery.of(service, Optional.empty(), search));
        // Loki replays the last hour by default; a tail follows what comes after the call.
        parameters.put("start", LokiStreams.nanos(clock.instant()));
        parameters.put("limit", Integer.toString(TAIL_LIMIT));
        parameters.put("delay_for", "0");
        URI uri = URI.create(webSocketBase() + TAIL + "?" + form(parameters));
        TailSocket socket = new TailSocket(listener);
        CompletableFuture<WebSocket> connecting =
                http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, socket);
        try {
            socket.connected(connecting.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            connecting.cancel(true);
            throw unavailable("did not open the tail within " + seconds(timeout), e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the tail was interrupted", e);
        }
        return socket;
    }

    private HttpResponse<String> send(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> response =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The whole exchange, body included, within the timeout: a Loki that sends headers and
            // then stalls is as unavailable as one that never answers.
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw unavailable("did not answer within " + seconds(timeout), e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the read was interrupted", e);
        }
    }

    private static List<LogLine> streams(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            if (!"success".equals(answer.path("status").asText())) {
                throw new IllegalArgumentException(
                        "status is " + answer.path("status").asText("missing"));
            }
            JsonNode data = answer.path("data");
            if (!"streams".equals(data.path("resultType").asText())) {
                throw new IllegalArgumentException(
                        "resultType is " + data.path("resultType").asText("missing"));
            }
            return LokiStreams.lines(data.path("result"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw unavailable("answered something unreadable (" + shortMessage(e) + ")", e);
        }
    }

    private ObservabilityUnavailableException failure(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            HttpResponse<?> response = handshake.getResponse();
            Object body = response.body();
            return unavailable(
                    "refused the tail with HTTP "
                            + response.statusCode()
                            + (body instanceof String text ? reason(text) : ""),
                    cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return unavailable("did not accept the connection within " + seconds(timeout), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return unavailable("did not answer within " + seconds(timeout), cause);
        }
        if (cause instanceof ConnectException) {
            return unavailable("refused the connection", cause);
        }
        return unavailable("cannot be reached (" + cause.getClass().getSimpleName() + ")", cause);
    }

    private static ObservabilityUnavailableException unavailable(String problem, Throwable cause) {
        return new ObservabilityUnavailableException(DEPENDENCY, problem, cause);
    }

    /** Loki's plain-text reason, first line, shortened: {@code ": parse error at line 1, …"}. */
    private static String reason(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            return "";
        }
        return ": "
                + (line.length() > MAX_REASON_LENGTH
                        ? line.substring(0, MAX_REASON_LENGTH) + "…"
                        : line);
    }

    private static String shortMessage(Exception e) {
        String message =
                e instanceof JsonProcessingException json
                        ? json.getOriginalMessage()
                        : e.getMessage();
        return message == null
                ? e.getClass().getSimpleName()
                : message.length() > MAX_REASON_LENGTH
                        ? message.substring(0, MAX_REASON_LENGTH) + "…"
                        : message;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " s"
                : duration.toMillis() + " ms";
    }

    private String webSocketBase() {
        if (baseUrl.startsWith("https://")) {
            return "wss://" + baseUrl.substring("https://".length());
        }
        if (baseUrl.startsWith("http://")) {
            return "ws://" + baseUrl.substring("http://".length());
        }
        return baseUrl;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(
                        entry ->
                                entry.getKey()
                                        + "="
                                        + URLEncoder.encode(
                                                entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * One tail's WebSocket: reads Loki's frames {@code {"streams": […], "dropped_entries": […]}}
     * into lines for the listener; anything that ends it other than {@link #close()} is a failure.
     */
    private final class TailSocket implements WebSocket.Listener, LogTail {
        private final LogTail.Listener listener;
        private final StringBuilder frame = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile WebSocket socket;

        TailSocket(LogTail.Listener listener) {
            this.listener = listener;
        }

        void connected(WebSocket socket) {
            this.socket = socket;
            if (ended.get()) {
                socket.abort();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                try {
                    List<LogLine> lines =
                            new ArrayList<>(LokiStreams.lines(JSON.readTree(text).path("streams")));
                    lines.sort(Comparator.comparing(LogLine::timestamp));
                    for (LogLine line : lines) {
                        if (ended.get()) {
                            break;
                        }
                        listener.onLine(line);
                    }
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    fail(unavailable("sent an unreadable tail frame (" + shortMessage(e) + ")", e));
                    webSocket.abort();
                    return null;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail(
                    unavailable(
                            "closed the tail (code "
                                    + statusCode
                                    + (reason == null || reason.isBlank() ? "" : ", " + reason)
                                    + ")",
                            null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(failure(error));
        }

        private void fail(RuntimeException failure) {
            if (ended.compareAndSet(false, true)) {
                listener.onError(failure);
            }
        }

        @Override
        public void close() {
            if (ended.compareAndSet(false, true)) {
                WebSocket open = socket;
                if (open != null) {
                    open.sendClose(WebSocket.NORMAL_CLOSURE, "")
                            .orTimeout(1, TimeUnit.SECONDS)
                            .whenComplete((ignored, error) -> open.abort());
                }
            }
        }
    }
}
