package ink.ml.deploy.graphql.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One place and one waiting place in front of a real Vert.x HTTP server whose {@code /graphql}
 * answers only when the test lets it, spoken to over plain sockets.
 */
class InFlightLimitTest {
    private final InFlightLimit limit = new InFlightLimit(1, 1);
    private final CopyOnWriteArrayList<Promise<Void>> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        limit.install(router);
        router.route("/graphql")
                .handler(
                        context -> {
                            Promise<Void> answer = Promise.promise();
                            held.add(answer);
                            answer.future()
                                    .onComplete(done -> context.response().end("{\"data\":{}}"));
                        });
        server =
                vertx.createHttpServer()
                        .connectionHandler(
                                connection ->
                                        connection.closeHandler(
                                                closed -> closedConnections.incrementAndGet()))
                        .requestHandler(router)
                        .listen(0, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestBeyondThePlacesWaitsItsTurnAndOneBeyondTheQueueIsToldToComeBack()
            throws Exception {
        try (Socket first = send("");
                Socket second = send("")) {
            awaitHeld(1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.queued() == 1);

            String refused = answer(send(""));

            assertThat(refused).startsWith("HTTP/1.1 503");
            assertThat(refused).containsIgnoringCase("retry-after: 1");
            assertThat(refused).contains("\"code\":\"UNAVAILABLE\"");
            assertThat(refused).contains("the API is busy (1 requests answered and 1 waiting)");
            assertThat(held).as("the waiting request has not run").hasSize(1);

            held.get(0).complete();
            assertThat(answer(first)).startsWith("HTTP/1.1 200");
            awaitHeld(2);
            held.get(1).complete();
            assertThat(answer(second)).startsWith("HTTP/1.1 200");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);
    }

    @Test
    void aClientThatHangsUpGivesItsPlaceBack() throws Exception {
        try (Socket gone = send("")) {
            awaitHeld(1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);

        try (Socket next = send("")) {
            awaitHeld(2);
            held.get(1).complete();
            assertThat(answer(next)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aClientThatHangsUpWhileWaitingIsPassedOver() throws Exception {
        try (Socket first = send("")) {
            awaitHeld(1);
            try (Socket gone = send("")) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.queued() == 1);
            }
            // The freed place is handed over on the waiting connection's own event loop, after
            // the close it has handled: once the close is seen, the hand-over sees it too.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> closedConnections.get() == 1);

            held.get(0).complete();
            assertThat(answer(first)).startsWith("HTTP/1.1 200");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);
        assertThat(held).as("the request whose client left never ran").hasSize(1);
    }

    @Test
    void aSubscriptionUpgradeIsNotCounted() throws Exception {
        try (Socket admitted = send("")) {
            awaitHeld(1);

            try (Socket upgrade = send("Upgrade: websocket\r\n")) {
                awaitHeld(2);
                assertThat(limit.inFlight()).isEqualTo(1);
                assertThat(limit.queued()).isZero();
            }
        }
    }

    @Test
    void limitsBelowOneRunningOrZeroWaitingAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new InFlightLimit(0, 1))
                .hasMessageContaining("mcpdeploy.graphql.limits.max-in-flight must be at least 1");
        assertThatThrownBy(() -> new InFlightLimit(1, -1))
                .hasMessageContaining("mcpdeploy.graphql.limits.max-queued must be 0 or more");
    }

    private void awaitHeld(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == count);
    }

    private Socket send(String extraHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.actualPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream()
                .write(
                        ("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
                                        + extraHeaders
                                        + "\r\n{}")
                                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** The status line and headers, and as much of the body as has come. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int read = in.read(buffer);
        String text = new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
        if (!text.contains("{") && read > 0) {
            int more = in.read(buffer);
            text += new String(buffer, 0, Math.max(more, 0), StandardCharsets.US_ASCII);
        }
        return text;
    }
}
