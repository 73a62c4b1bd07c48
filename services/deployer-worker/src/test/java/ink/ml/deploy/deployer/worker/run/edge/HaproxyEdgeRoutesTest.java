package ink.ml.deploy.deployer.worker.run.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.testing.HaproxyProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge on Debian's HAProxy, for real: routes are set through its admin socket and requests go
 * through its listener to small apps on loopback. One HAProxy for the class; each test uses hosts
 * of its own.
 */
class HaproxyEdgeRoutesTest {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private static HaproxyProcess haproxy;
    private static TestUpstream blue;
    private static TestUpstream green;

    @BeforeAll
    static void startHaproxyAndApps() throws Exception {
        haproxy = HaproxyProcess.startOrSkip();
        blue = TestUpstream.start("blue");
        green = TestUpstream.start("green");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (blue != null) {
            blue.close();
        }
        if (green != null) {
            green.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
    }

    private static HaproxyEdgeRoutes edge() {
        return new HaproxyEdgeRoutes(haproxy.adminSocket(), haproxy.mapFile(), ADMIN_TIMEOUT);
    }

    private static EdgeTestClient client() {
        return new EdgeTestClient(haproxy.edgePort());
    }

    @Test
    void routesEachHostToItsApp() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("web-demo-local.localhost", blue.address());
        edge.route("api-demo-local.localhost", green.address());

        try (EdgeTestClient client = client()) {
            assertThat(client.get("web-demo-local.localhost", "/").body()).isEqualTo("blue");
            assertThat(client.get("api-demo-local.localhost", "/").body()).isEqualTo("green");
            // The Host header may carry the port, as browsers send it.
            assertThat(client.get("web-demo-local.localhost:" + haproxy.edgePort(), "/").body())
                    .isEqualTo("blue");
        }
    }

    @Test
    void oneKeptAliveConnectionAlternatingHostsReachesEachHostsApp() throws Exception {
        // HAProxy keeps connections to apps for reuse: one to blue must not carry green's request.
        HaproxyEdgeRoutes edge = edge();
        edge.route("alt-blue-demo-local.localhost", blue.address());
        edge.route("alt-green-demo-local.localhost", green.address());

        try (EdgeTestClient client = client()) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.get("alt-blue-demo-local.localhost", "/").body())
                        .isEqualTo("blue");
                assertThat(client.get("alt-green-demo-local.localhost", "/").body())
                        .isEqualTo("green");
            }
            assertThat(client.retries()).isZero();
        }
    }

    @Test
    void unknownHostGets404ThatNamesNoHost() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("known-demo-local.localhost", blue.address());

        EdgeTestClient.Response response;
        try (EdgeTestClient client = client()) {
            response = client.get("nobody-demo-local.localhost", "/");
        }

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo(HaproxyProcess.NOT_FOUND_BODY)
                .doesNotContain("known")
                .doesNotContain("localhost")
                .doesNotContain("nobody");
    }

    @Test
    void appThatDoesNotAnswerGets502WithAClearBody() throws Exception {
        String nothingListens = "127.0.0.1:" + freePort();
        HaproxyEdgeRoutes edge = edge();
        edge.route("down-demo-local.localhost", nothingListens);

        EdgeTestClient.Response response;
        try (EdgeTestClient client = client()) {
            response = client.get("down-demo-local.localhost", "/");
        }

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.headers()).doesNotContainKey("x-edge-unanswered");
        assertThat(response.body())
                .isEqualTo(HaproxyProcess.NOT_ANSWERING_BODY)
                .contains("the app is not answering")
                .doesNotContain("127.0.0.1")
                .doesNotContain(nothingListens.substring(nothingListens.indexOf(':') + 1));
    }

    @Test
    void appsOwn503PassesUnchanged() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("busy-demo-local.localhost", blue.address());

        EdgeTestClient.Response response;
        try (EdgeTestClient client = client()) {
            response = client.get("busy-demo-local.localhost", "/unavailable");
        }

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("blue is busy");
    }

    @Test
    void appReceivesHostAndForwardedHeadersSetByTheEdgeAlone() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("headers-demo-local.localhost", blue.address());

        String seen;
        try (EdgeTestClient client = client()) {
            seen =
                    client.get(
                                    "headers-demo-local.localhost",
                                    "/headers",
                                    "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\n")
                            .body();
        }

        assertThat(seen)
                .contains("host=headers-demo-local.localhost\n")
                .contains("x-forwarded-for=127.0.0.1\n")
                .contains("x-forwarded-proto=http\n")
                .contains("x-forwarded-host=headers-demo-local.localhost\n")
                .doesNotContain("6.6.6.6");
    }

    @Test
    void webSocketPassesThroughAndSurvivesAnotherHostsRouteChange() throws Exception {
        try (TestWebSocketEcho app = TestWebSocketEcho.start("green")) {
            HaproxyEdgeRoutes edge = edge();
            edge.route("ws-demo-local.localhost", app.address());

            try (EdgeTestClient.WebSocket socket =
                    EdgeTestClient.openWebSocket(
                            haproxy.edgePort(), "ws-demo-local.localhost", "/socket")) {
                assertThat(socket.roundTrip("hello")).isEqualTo("green echoes hello");

                edge.route("ws-other-demo-local.localhost", blue.address());
                edge.route("ws-other-demo-local.localhost", green.address());
                edge.remove("ws-other-demo-local.localhost");

                assertThat(socket.roundTrip("still there")).isEqualTo("green echoes still there");
            }
        }
    }

    @Test
    void streamedResponseArrivesInPiecesBeforeTheAppFinishes() throws Exception {
        try (TestUpstream streaming = TestUpstream.start("streaming")) {
            HaproxyEdgeRoutes edge = edge();
            edge.route("stream-demo-local.localhost", streaming.address());

            try (EdgeTestClient.Streamed response =
                    EdgeTestClient.stream(
                            haproxy.edgePort(), "stream-demo-local.localhost", "/stream")) {
                // The app sends its second chunk only once the first has come through the edge.
                assertThat(response.status).isEqualTo(200);
                assertThat(response.nextChunk()).isEqualTo("first chunk\n");
                streaming.releaseStream();
                assertThat(response.nextChunk()).isEqualTo("second chunk\n");
                assertThat(response.nextChunk()).isEmpty();
            }
        }
    }

    @Test
    void streamInFlightIsNotCutWhenItsOwnHostIsRoutedElsewhere() throws Exception {
        try (TestUpstream streaming = TestUpstream.start("streaming")) {
            HaproxyEdgeRoutes edge = edge();
            edge.route("long-stream-demo-local.localhost", streaming.address());

            try (EdgeTestClient.Streamed response =
                    EdgeTestClient.stream(
                            haproxy.edgePort(), "long-stream-demo-local.localhost", "/stream")) {
                assertThat(response.nextChunk()).isEqualTo("first chunk\n");
                // As in a deploy: the host moves to the new app while the old one still answers.
                edge.route("long-stream-demo-local.localhost", blue.address());
                streaming.releaseStream();
                assertThat(response.nextChunk()).isEqualTo("second chunk\n");
                assertThat(response.nextChunk()).isEmpty();
            }
        }
    }

    @Test
    void switchingTheRouteUnderKeptAliveLoadLosesNoRequest() throws Exception {
        switchUnderLoad("switch-kept-demo-local.localhost", false);
    }

    @Test
    void switchingTheRouteUnderLoadOfFreshConnectionsLosesNoRequest() throws Exception {
        switchUnderLoad("switch-fresh-demo-local.localhost", true);
    }

    /**
     * 4 threads send 750 GETs each while the host's route switches 20 times between blue and green:
     * every request must be answered 200 by one of them, at the first try.
     */
    private static void switchUnderLoad(String host, boolean freshConnectionEachRequest)
            throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route(host, blue.address());
        int threads = 4;
        int requestsPerThread = 750;
        int switchCount = 20;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answeredBlue = new AtomicInteger();
        AtomicInteger answeredGreen = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loops.add(
                        pool.submit(
                                () -> {
                                    EdgeTestClient client = client();
                                    try {
                                        for (int i = 0; i < requestsPerThread; i++) {
                                            if (freshConnectionEachRequest) {
                                                retries.addAndGet(client.retries());
                                                client.close();
                                                client = client();
                                            }
                                            try {
                                                EdgeTestClient.Response response =
                                                        client.get(host, "/");
                                                if (response.status() == 200
                                                        && response.body().equals("blue")) {
                                                    answeredBlue.incrementAndGet();
                                                } else if (response.status() == 200
                                                        && response.body().equals("green")) {
                                                    answeredGreen.incrementAndGet();
                                                } else {
                                                    failures.add(
                                                            response.status()
                                                                    + " "
                                                                    + response.body());
                                                }
                                            } catch (Exception e) {
                                                failures.add(e.toString());
                                            }
                                        }
                                    } finally {
                                        retries.addAndGet(client.retries());
                                        client.close();
                                    }
                                    return null;
                                }));
            }
            int total = threads * requestsPerThread;
            // Spread the switches over the loop.
            for (int switches = 0; switches < switchCount; switches++) {
                awaitAnswered(
                        answeredBlue,
                        answeredGreen,
                        failures,
                        (switches + 1) * total / (switchCount + 2));
                edge.route(host, switches % 2 == 0 ? green.address() : blue.address());
            }
            for (Future<?> loop : loops) {
                loop.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf(
                "switch under load (%s): %d blue, %d green, %d failed, %d sent again%n",
                freshConnectionEachRequest ? "fresh connections" : "kept-alive connections",
                answeredBlue.get(),
                answeredGreen.get(),
                failures.size(),
                retries.get());
        assertThat(failures).isEmpty();
        // No request was reset or closed before its answer: the client never had to send again.
        assertThat(retries.get()).isZero();
        assertThat(answeredBlue.get() + answeredGreen.get()).isEqualTo(threads * requestsPerThread);
        assertThat(answeredBlue.get()).isPositive();
        assertThat(answeredGreen.get()).isPositive();
        assertThat(edge.routes()).containsEntry(host, blue.address());
    }

    @Test
    void routesReflectEachChange() {
        HaproxyEdgeRoutes edge = edge();

        edge.route("table-a-demo-local.localhost", blue.address());
        edge.route("table-b-demo-local.localhost", green.address());
        assertThat(edge.routes())
                .containsEntry("table-a-demo-local.localhost", blue.address())
                .containsEntry("table-b-demo-local.localhost", green.address());

        edge.route("table-a-demo-local.localhost", green.address());
        assertThat(edge.routes()).containsEntry("table-a-demo-local.localhost", green.address());

        edge.remove("table-b-demo-local.localhost");
        assertThat(edge.routes())
                .containsEntry("table-a-demo-local.localhost", green.address())
                .doesNotContainKey("table-b-demo-local.localhost");
    }

    @Test
    void reroutingAHostKeepsOneEntryForIt() throws Exception {
        HaproxyEdgeRoutes edge = edge();

        edge.route("once-demo-local.localhost", blue.address());
        edge.route("once-demo-local.localhost", green.address());
        edge.route("once-demo-local.localhost", blue.address());

        long entries =
                Files.readAllLines(haproxy.mapFile()).stream()
                        .filter(line -> line.startsWith("once-demo-local.localhost "))
                        .count();
        assertThat(entries).isEqualTo(1);
        try (EdgeTestClient client = client()) {
            assertThat(client.get("once-demo-local.localhost", "/").body()).isEqualTo("blue");
        }
    }

    @Test
    void hostnameIsMatchedWithoutRegardToCase() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("Case-Demo-Local.LOCALHOST", blue.address());

        assertThat(edge.routes()).containsEntry("case-demo-local.localhost", blue.address());
        try (EdgeTestClient client = client()) {
            assertThat(client.get("CASE-demo-local.localhost", "/").body()).isEqualTo("blue");
        }
    }

    @Test
    void removeIsIdempotentAndTheHostThenGets404() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("gone-demo-local.localhost", blue.address());

        edge.remove("gone-demo-local.localhost");
        edge.remove("gone-demo-local.localhost");
        edge.remove("never-demo-local.localhost");

        assertThat(edge.routes()).doesNotContainKey("gone-demo-local.localhost");
        assertThat(Files.readString(haproxy.mapFile())).doesNotContain("gone-demo-local");
        try (EdgeTestClient client = client()) {
            assertThat(client.get("gone-demo-local.localhost", "/").status()).isEqualTo(404);
        }
    }

    @Test
    void concurrentRoutesForTwentyHostsLoseNone() throws Exception {
        // One edge shared by 20 threads, as the deployer-worker's activities share the bean.
        HaproxyEdgeRoutes edge = edge();
        List<String> hosts =
                IntStream.range(0, 20).mapToObj(i -> "app" + i + "-many-local.localhost").toList();
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                String host = hosts.get(i);
                String upstream = i % 2 == 0 ? blue.address() : green.address();
                calls.add(
                        () -> {
                            edge.route(host, upstream);
                            return null;
                        });
            }
            for (Future<Void> call : pool.invokeAll(calls, 2, TimeUnit.MINUTES)) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        var routes = edge.routes();
        String saved = Files.readString(haproxy.mapFile());
        for (int i = 0; i < hosts.size(); i++) {
            String upstream = i % 2 == 0 ? blue.address() : green.address();
            assertThat(routes).containsEntry(hosts.get(i), upstream);
            assertThat(saved).contains(hosts.get(i) + " " + upstream + "\n");
        }
        try (EdgeTestClient client = client()) {
            assertThat(client.get(hosts.get(19), "/").body()).isEqualTo("green");
        }
    }

    @Test
    void badHostnameIsRefusedNamingTheField() {
        HaproxyEdgeRoutes edge = edge();

        assertThatThrownBy(() -> edge.route("not a host", blue.address()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hostname ");
        assertThatThrownBy(() -> edge.route("localhost", blue.address()))
                .hasMessageStartingWith("hostname ");
        assertThatThrownBy(() -> edge.route("web-.localhost", blue.address()))
                .hasMessageStartingWith("hostname ");
        assertThatThrownBy(() -> edge.remove("a/b.localhost")).hasMessageStartingWith("hostname ");
    }

    @Test
    void badUpstreamIsRefusedNamingTheField() {
        HaproxyEdgeRoutes edge = edge();

        assertThatThrownBy(() -> edge.route("ok-demo-local.localhost", "web:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("upstream ")
                .hasMessageContaining("ip:port");
        assertThatThrownBy(() -> edge.route("ok-demo-local.localhost", "172.18.0.5"))
                .hasMessageStartingWith("upstream ");
        assertThatThrownBy(() -> edge.route("ok-demo-local.localhost", "172.18.0.5:0"))
                .hasMessageStartingWith("upstream ");
        assertThatThrownBy(() -> edge.route("ok-demo-local.localhost", "172.18.0.5:80 extra:1"))
                .hasMessageStartingWith("upstream ");
        assertThat(edge.routes()).doesNotContainKey("ok-demo-local.localhost");
    }

    @Test
    void routeSurvivesARecreatedEdgeAsAfterAPlatformRestart() throws Exception {
        edge().route("kept-demo-local.localhost", blue.address());

        HaproxyEdgeRoutes afterRestart = edge();

        assertThat(afterRestart.routes())
                .containsEntry("kept-demo-local.localhost", blue.address());
        afterRestart.route("new-demo-local.localhost", green.address());
        try (EdgeTestClient client = client()) {
            assertThat(client.get("kept-demo-local.localhost", "/").body()).isEqualTo("blue");
            assertThat(client.get("new-demo-local.localhost", "/").body()).isEqualTo("green");
        }
    }

    @Test
    void routesSurviveAnHaproxyRestartThroughTheMapFile() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("restarted-demo-local.localhost", blue.address());
        edge.route("restarted-removed-demo-local.localhost", green.address());
        edge.remove("restarted-removed-demo-local.localhost");

        haproxy.restart();

        // Nothing of the platform runs between: HAProxy reads its map file by itself.
        assertThat(edge.routes())
                .containsEntry("restarted-demo-local.localhost", blue.address())
                .doesNotContainKey("restarted-removed-demo-local.localhost");
        try (EdgeTestClient client = client()) {
            assertThat(client.get("restarted-demo-local.localhost", "/").body()).isEqualTo("blue");
            assertThat(client.get("restarted-removed-demo-local.localhost", "/").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void edgeTakesNewRoutesAfterHaproxyRestartsWithoutAny() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("lost-demo-local.localhost", blue.address());

        haproxy.restartWithoutRoutes();
        // The same instance: the host it had routed is new to HAProxy now.
        edge.route("lost-demo-local.localhost", green.address());

        assertThat(edge.routes()).containsEntry("lost-demo-local.localhost", green.address());
        try (EdgeTestClient client = client()) {
            assertThat(client.get("lost-demo-local.localhost", "/").body()).isEqualTo("green");
        }
    }

    @Test
    void changeWhileHaproxyIsDownFailsSayingTheEdgeDoesNotAnswer() throws Exception {
        HaproxyEdgeRoutes edge = edge();
        edge.route("before-down-demo-local.localhost", blue.address());
        haproxy.stop();
        try {
            assertThatThrownBy(() -> edge.route("during-down-demo-local.localhost", blue.address()))
                    .isInstanceOf(EdgeAdminException.class)
                    .hasMessageContaining("admin socket")
                    .hasMessageContaining("does not answer");
        } finally {
            haproxy.restart();
        }

        assertThat(edge.routes())
                .containsEntry("before-down-demo-local.localhost", blue.address())
                .doesNotContainKey("during-down-demo-local.localhost");
    }

    @Test
    void edgeStartedOnEveryInterfaceAnswersOnIpv4AndIpv6Loopback() throws Exception {
        // As the local platform starts it: *.localhost resolves to 127.0.0.1 and ::1.
        try (HaproxyProcess everywhere =
                HaproxyProcess.start(java.util.Optional.empty(), freePort())) {
            new HaproxyEdgeRoutes(everywhere.adminSocket(), everywhere.mapFile(), ADMIN_TIMEOUT)
                    .route("both-demo-local.localhost", blue.address());

            for (String address : List.of("127.0.0.1", "::1")) {
                try (java.net.Socket socket = new java.net.Socket(address, everywhere.edgePort())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream()
                            .write(
                                    "GET / HTTP/1.1\r\nHost: both-demo-local.localhost\r\nConnection: close\r\n\r\n"
                                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    String answer =
                            new String(
                                    socket.getInputStream().readAllBytes(),
                                    java.nio.charset.StandardCharsets.US_ASCII);
                    assertThat(answer).as(address).startsWith("HTTP/1.1 200").endsWith("blue");
                }
            }
        }
    }

    private static void awaitAnswered(
            AtomicInteger blue,
            AtomicInteger green,
            ConcurrentLinkedQueue<String> failed,
            int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (blue.get() + green.get() + failed.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the request loop stalled before " + count + " answers");
            }
            Thread.sleep(1);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
