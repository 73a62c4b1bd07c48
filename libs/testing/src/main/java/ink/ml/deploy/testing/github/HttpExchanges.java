package ink.ml.deploy.testing.github;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading requests and writing answers the way GitHub's APIs do, for the fake's handlers. */
final class HttpExchanges {
    private HttpExchanges() {}

    static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** GitHub's error body: {@code {"message": …, "documentation_url": …}}. */
    static String message(String text) {
        return "{\"message\":"
                + quote(text)
                + ",\"documentation_url\":\"https://docs.github.com/rest\"}";
    }

    /** {@code application/x-www-form-urlencoded} (a query string or a form body). */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    /** A JSON string literal, or {@code null}. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return value.chars()
                .mapToObj(
                        c ->
                                switch (c) {
                                    case '"' -> "\\\"";
                                    case '\\' -> "\\\\";
                                    case '\n' -> "\\n";
                                    case '\r' -> "\\r";
                                    case '\t' -> "\\t";
                                    default ->
                                            c < 0x20
                                                    ? String.format("\\u%04x", c)
                                                    : String.valueOf((char) c);
                                })
                .collect(Collectors.joining("", "\"", "\""));
    }

    /** The token of {@code Authorization: Bearer …} (or GitHub's older {@code token …}). */
    static Optional<String> bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        for (String scheme : List.of("Bearer ", "token ")) {
            if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return Optional.of(header.substring(scheme.length()).trim());
            }
        }
        return Optional.empty();
    }
}
