package ink.ml.deploy.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tests' HTTP-01 responder: a JDK HTTP server on a free loopback port (the one Pebble connects
 * to) answering {@code /.well-known/acme-challenge/<token>} with the published key authorization,
 * 404 otherwise; it remembers the Host of each request it answered.
 */
final class LoopbackHttp01Server implements Http01Responder, AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> answeredHosts = new CopyOnWriteArrayList<>();

    private LoopbackHttp01Server(HttpServer server) {
        this.server = server;
    }

    static LoopbackHttp01Server start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LoopbackHttp01Server responder = new LoopbackHttp01Server(server);
            server.createContext(PREFIX, responder::answer);
            server.start();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The tokens published and not yet withdrawn. */
    Map<String, String> published() {
        return Map.copyOf(answers);
    }

    /** The Host header of each request answered with a key authorization. */
    List<String> answeredHosts() {
        return List.copyOf(answeredHosts);
    }

    @Override
    public void publish(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    @Override
    public void withdraw(String token) {
        answers.remove(token);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String answer = answers.get(token);
        if (answer == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        answeredHosts.add(exchange.getRequestHeaders().getFirst("Host"));
        byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
