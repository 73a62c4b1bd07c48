package ink.ml.deploy.deployer.worker.run.edge;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small app behind the edge, on loopback (Vert.x): {@code /} answers with its name, {@code
 * /headers} with the Host and X-Forwarded-* headers it received, {@code /unavailable} with its own
 * 503, and {@code /stream} sends a first chunk and the second only when the test {@link
 * #releaseStream() releases} it.
 */
final class TestUpstream implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final String name;
    private final CompletableFuture<Void> streamRelease = new CompletableFuture<>();

    private TestUpstream(String name) throws Exception {
        this.name = name;
        this.vertx = Vertx.vertx();
        this.server =
                vertx.createHttpServer()
                        .requestHandler(this::handle)
                        .listen(0, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
    }

    static TestUpstream start(String name) throws Exception {
        return new TestUpstream(name);
    }

    /** {@code 127.0.0.1:<port>}, as the edge dials it. */
    String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    /** Lets {@code /stream} send its second chunk and end. */
    void releaseStream() {
        streamRelease.complete(null);
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/headers" ->
                    request.response()
                            .end(
                                    "host="
                                            + request.getHeader("Host")
                                            + "\nx-forwarded-for="
                                            + request.getHeader("X-Forwarded-For")
                                            + "\nx-forwarded-proto="
                                            + request.getHeader("X-Forwarded-Proto")
                                            + "\nx-forwarded-host="
                                            + request.getHeader("X-Forwarded-Host")
                                            + "\n");
            case "/unavailable" -> request.response().setStatusCode(503).end(name + " is busy");
            case "/stream" -> {
                request.response().setChunked(true).write("first chunk\n");
                streamRelease.thenRun(() -> request.response().end("second chunk\n"));
            }
            default -> request.response().end(name);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
