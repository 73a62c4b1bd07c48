package ink.ml.deploy.testing;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for Grafana Loki's query API (Loki cannot run here): it holds lines pushed with their
 * labels and answers {@code GET /loki/api/v1/query_range} and the {@code /loki/api/v1/tail}
 * WebSocket in Loki's documented shapes, for the part of LogQL the platform writes (equality
 * matchers, {@code |=} line filters; see {@link LokiStandInQuery}). Like Loki it honours {@code
 * start} (inclusive), {@code end} (exclusive), {@code limit} across all streams and {@code
 * direction}; answers 400 with a plain-text reason for a malformed query, a bad parameter or a
 * limit above {@link #maxEntriesLimitPerQuery}; and can be told to fail (500) or to stall, to test
 * a client's errors and timeouts. Loopback only; close it to stop its server.
 */
public final class LokiStandIn implements AutoCloseable {
    /** Loki's default {@code max_entries_limit_per_query}. */
    public static final int DEFAULT_MAX_ENTRIES = 5000;

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    private static final int DEFAULT_LIMIT = 100;

    private enum Mode {
        SERVING,
        FAILING,
        STALLING
    }

    private record Entry(Map<String, String> labels, Instant timestamp, String line) {}

    private record Tail(ServerWebSocket socket, LokiStandInQuery query) {}

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Tail> tails = new ArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.SERVING;
    private volatile int maxEntries = DEFAULT_MAX_ENTRIES;

    private LokiStandIn(Vertx vertx) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer();
    }

    /** Starts serving on a free loopback port. */
    public static LokiStandIn start() {
        Vertx vertx = Vertx.vertx();
        LokiStandIn loki = new LokiStandIn(vertx);
        try {
            loki.server
                    .webSocketHandler(loki::tail)
                    .requestHandler(loki::request)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            loki.close();
            throw new IllegalStateException("the Loki stand-in did not start", e);
        }
        return loki;
    }

    /** {@code http://127.0.0.1:<port>}: Loki's base URL. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Stores one line under {@code labels}, as the log agent pushes it; tails hear it at once. */
    public void push(Map<String, String> labels, Instant timestamp, String line) {
        Entry entry = new Entry(Map.copyOf(labels), timestamp, line);
        synchronized (this) {
            entries.add(entry);
            for (Tail tail : tails) {
                if (tail.query.selects(entry.labels) && tail.query.keeps(entry.line)) {
                    tail.socket.writeTextMessage(frame(List.of(entry)).encode());
                }
            }
        }
    }

    /** Loki's {@code max_entries_limit_per_query}: a larger {@code limit} is refused. */
    public void maxEntriesLimitPerQuery(int limit) {
        this.maxEntries = limit;
    }

    /** Every request answers 500 from now on, as a Loki whose storage is down. */
    public void fail() {
        mode = Mode.FAILING;
    }

    /** Requests are held unanswered from now on, as a Loki that is overloaded. */
    public void stall() {
        mode = Mode.STALLING;
    }

    /** Answers normally again. */
    public void serve() {
        mode = Mode.SERVING;
    }

    /** The LogQL of every query and tail received, in order. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** How many tails are open. */
    public synchronized int openTails() {
        return tails.size();
    }

    /** Closes every tail from the server's side, as Loki does when it shuts down. */
    public void dropTails() {
        List<Tail> open;
        synchronized (this) {
            open = List.copyOf(tails);
            tails.clear();
        }
        open.forEach(tail -> tail.socket.close((short) 1011, "shutting down"));
    }

    private void request(HttpServerRequest request) {
        if (mode == Mode.STALLING) {
            return;
        }
        if (mode == Mode.FAILING) {
            plain(request, 500, "internal server error: the stand-in was told to fail");
            return;
        }
        if (!"/loki/api/v1/query_range".equals(request.path())) {
            plain(request, 404, "404 page not found");
            return;
        }
        String query = request.getParam("query");
        if (query != null) {
            queries.add(query);
        }
        try {
            LokiStandInQuery parsed = LokiStandInQuery.parse(query == null ? "" : query);
            Instant end = time(request.getParam("end"), "end", Instant.now());
            Instant start = time(request.getParam("start"), "start", end.minus(DEFAULT_LOOKBACK));
            int limit = limit(request.getParam("limit"));
            boolean forward = forward(request.getParam("direction"));
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException(
                        "end timestamp must not be before or equal to start time");
            }
            List<Entry> selected =
                    select(
                            parsed,
                            entry ->
                                    !entry.timestamp.isBefore(start)
                                            && entry.timestamp.isBefore(end));
            Comparator<Entry> order = Comparator.comparing(Entry::timestamp);
            selected.sort(forward ? order : order.reversed());
            List<Entry> page = selected.subList(0, Math.min(limit, selected.size()));
            JsonObject answer =
                    new JsonObject()
                            .put("status", "success")
                            .put(
                                    "data",
                                    new JsonObject()
                                            .put("resultType", "streams")
                                            .put("result", streams(page))
                                            .put("stats", new JsonObject()));
            request.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json; charset=UTF-8")
                    .end(answer.encode());
        } catch (IllegalArgumentException refused) {
            plain(request, 400, refused.getMessage());
        }
    }

    private void tail(ServerWebSocket socket) {
        if (!"/loki/api/v1/tail".equals(socket.path())) {
            socket.reject(404);
            return;
        }
        if (mode == Mode.STALLING) {
            // The handshake never completes.
            socket.setHandshake(Promise.<Integer>promise().future());
            return;
        }
        if (mode == Mode.FAILING) {
            socket.reject(500);
            return;
        }
        Map<String, String> parameters = parameters(socket.query());
        String query = parameters.getOrDefault("query", "");
        queries.add(query);
        LokiStandInQuery parsed;
        Instant start;
        int limit;
        try {
            parsed = LokiStandInQuery.parse(query);
            start = time(parameters.get("start"), "start", Instant.now().minus(DEFAULT_LOOKBACK));
            limit = limit(parameters.get("limit"));
        } catch (IllegalArgumentException refused) {
            socket.reject(400);
            return;
        }
        Tail tail = new Tail(socket, parsed);
        synchronized (this) {
            List<Entry> backlog = select(parsed, entry -> !entry.timestamp.isBefore(start));
            backlog.sort(Comparator.comparing(Entry::timestamp));
            List<Entry> newest =
                    backlog.subList(Math.max(0, backlog.size() - limit), backlog.size());
            if (!newest.isEmpty()) {
                socket.writeTextMessage(frame(newest).encode());
            }
            tails.add(tail);
        }
        socket.closeHandler(
                ignored -> {
                    synchronized (this) {
                        tails.remove(tail);
                    }
                });
    }

    private synchronized List<Entry> select(LokiStandInQuery query, Predicate<Entry> when) {
        List<Entry> selected = new ArrayList<>();
        for (Entry entry : entries) {
            if (query.selects(entry.labels) && query.keeps(entry.line) && when.test(entry)) {
                selected.add(entry);
            }
        }
        return selected;
    }

    /** Loki's streams: entries grouped by their label set, each in the order given. */
    private static JsonArray streams(List<Entry> entries) {
        Map<Map<String, String>, JsonArray> byLabels = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byLabels.computeIfAbsent(entry.labels, labels -> new JsonArray())
                    .add(new JsonArray().add(nanos(entry.timestamp)).add(entry.line));
        }
        JsonArray streams = new JsonArray();
        byLabels.forEach(
                (labels, values) ->
                        streams.add(
                                new JsonObject()
                                        .put("stream", new JsonObject(new LinkedHashMap<>(labels)))
                                        .put("values", values)));
        return streams;
    }

    private static JsonObject frame(List<Entry> entries) {
        return new JsonObject().put("streams", streams(entries)).put("dropped_entries", null);
    }

    private static void plain(HttpServerRequest request, int status, String body) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body + "\n");
    }

    private int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid parameter limit: strconv.ParseInt: parsing \"" + value + "\"");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be a positive value");
        }
        if (limit > maxEntries) {
            throw new IllegalArgumentException(
                    "max entries limit per query exceeded, limit > max_entries_limit ("
                            + limit
                            + " > "
                            + maxEntries
                            + ")");
        }
        return limit;
    }

    private static boolean forward(String value) {
        if (value == null || value.equalsIgnoreCase("backward")) {
            return false;
        }
        if (value.equalsIgnoreCase("forward")) {
            return true;
        }
        throw new IllegalArgumentException("invalid direction '" + value + "'");
    }

    /** A nanosecond Unix epoch, the form the platform sends (Loki takes others too). */
    private static Instant time(String value, String name, Instant otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            BigInteger[] parts = new BigInteger(value).divideAndRemainder(NANOS_PER_SECOND);
            return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "invalid parameter "
                            + name
                            + ": cannot parse \""
                            + value
                            + "\" to a valid timestamp");
        }
    }

    private static String nanos(Instant instant) {
        return BigInteger.valueOf(instant.getEpochSecond())
                .multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(instant.getNano()))
                .toString();
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: its threads are daemons and its port dies with the test JVM.
        }
    }
}
