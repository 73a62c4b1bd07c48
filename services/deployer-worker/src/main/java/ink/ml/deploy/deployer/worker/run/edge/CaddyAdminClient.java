package ink.ml.deploy.deployer.worker.run.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Caddy's admin API ({@code /config/…}), with its optimistic concurrency: a change sent with {@code
 * If-Match} is applied only when the config at that path is still the one read.
 *
 * <p>Caddy sends a read's ETag as an HTTP trailer, after a chunked body. The JDK's {@code
 * java.net.http.HttpClient} (17) does not parse trailers: the trailer stays in the kept-alive
 * connection and breaks the next answer on it ("Invalid status line"). {@link HttpURLConnection}
 * reads and drops trailers, so it is used here; the ETag itself is computed from the body: Caddy
 * makes it {@code "<path> <FNV-1a 32 of the body, hex>"} and checks an {@code If-Match} by hashing
 * the same JSON encoding of that path.
 */
final class CaddyAdminClient {
    /** Caddy's answer when an {@code If-Match} no longer holds. */
    static final int PRECONDITION_FAILED = 412;

    private static final int MIN_SEND_ATTEMPTS = 3;
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 800;

    private final URI adminUrl;
    private final int timeoutMillis;
    private final ObjectMapper json;

    CaddyAdminClient(URI adminUrl, Duration timeout, ObjectMapper json) {
        this.adminUrl = adminUrl;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.json = json;
    }

    /** What a read returned, and the tag that makes a later change conditional on it. */
    record Snapshot(JsonNode value, String etag) {}

    /** The answer to a change: applied, or refused because the config moved on ({@code 412}). */
    enum Outcome {
        APPLIED,
        CHANGED_MEANWHILE
    }

    private record Answer(int status, byte[] body) {}

    /**
     * Reads the config at {@code path} (e.g. {@code /config/}); empty when the path does not exist
     * (Caddy answers {@code 4xx}) or holds {@code null}.
     */
    Optional<Snapshot> read(String path) {
        Answer answer = send("GET", path, null, null);
        if (answer.status() >= 400 && answer.status() < 500) {
            return Optional.empty();
        }
        requireSuccess("GET", path, answer);
        JsonNode value;
        try {
            value = json.readTree(answer.body());
        } catch (IOException e) {
            throw new EdgeAdminException(
                    "GET " + path + ": the edge answered with malformed JSON", e);
        }
        return value == null || value.isNull() || value.isMissingNode()
                ? Optional.empty()
                : Optional.of(new Snapshot(value, etag(path, answer.body())));
    }

    /**
     * Reads the config at {@code path} even when it is {@code null} (Caddy's whole config before
     * any is loaded), for a conditional change of it.
     */
    Snapshot readRoot() {
        String path = "/config/";
        Answer answer = send("GET", path, null, null);
        requireSuccess("GET", path, answer);
        try {
            return new Snapshot(json.readTree(answer.body()), etag(path, answer.body()));
        } catch (IOException e) {
            throw new EdgeAdminException("GET /config/: the edge answered with malformed JSON", e);
        }
    }

    /**
     * Sets {@code value} at {@code path} (Caddy's POST on an object key: create or replace), only
     * if the config read as {@code etag} is still in place.
     */
    Outcome setIfUnchanged(String path, JsonNode value, String etag) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the edge's config as JSON", e);
        }
        Answer answer = send("POST", path, body, etag);
        if (answer.status() == PRECONDITION_FAILED) {
            return Outcome.CHANGED_MEANWHILE;
        }
        requireSuccess("POST", path, answer);
        return Outcome.APPLIED;
    }

    /** The admin API's address, for messages. */
    URI adminUrl() {
        return adminUrl;
    }

    /** Caddy's ETag for a read of {@code path} that returned {@code body}. */
    static String etag(String path, byte[] body) {
        int hash = 0x811c9dc5;
        for (byte b : body) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return "\"" + path + " " + String.format("%08x", hash) + "\"";
    }

    /**
     * Caddy restarts its admin endpoint with every config load, closing the connections kept alive
     * to it: a call that meets such a connection is made again (every call here is safe to repeat:
     * reads, and writes that are conditional or idempotent). Many edges changing routes at once
     * restart it back to back, so the calls back off, for up to the timeout in all.
     */
    private Answer send(String method, String path, byte[] body, String ifMatch) {
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        IOException last = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body, ifMatch);
            } catch (IOException e) {
                last = e;
            }
            boolean timeLeft = System.nanoTime() + pauseMillis * 1_000_000 < deadline;
            if (attempt >= MIN_SEND_ATTEMPTS && !timeLeft) {
                break;
            }
            pause(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
        }
        throw new EdgeAdminException(
                "the edge's admin API at "
                        + adminUrl
                        + " does not answer ("
                        + last.getClass().getSimpleName()
                        + (last.getMessage() == null ? "" : ": " + last.getMessage())
                        + "): is caddy running?",
                last);
    }

    /** Time for Caddy to have its admin endpoint listening again. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeAdminException("interrupted while calling the edge", e);
        }
    }

    private Answer sendOnce(String method, String path, byte[] body, String ifMatch)
            throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) adminUrl.resolve(path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setUseCaches(false);
        if (ifMatch != null) {
            connection.setRequestProperty("If-Match", ifMatch);
        }
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        InputStream stream =
                status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] answer;
        if (stream == null) {
            answer = new byte[0];
        } else {
            // Read to the end and close: the connection then goes back to the keep-alive cache.
            try (InputStream in = stream) {
                answer = in.readAllBytes();
            }
        }
        return new Answer(status, answer);
    }

    private static void requireSuccess(String method, String path, Answer answer) {
        if (answer.status() / 100 != 2) {
            String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
            throw new EdgeAdminException(
                    method
                            + " "
                            + path
                            + ": the edge answered "
                            + answer.status()
                            + (text.isEmpty() ? "" : " " + text));
        }
    }
}
