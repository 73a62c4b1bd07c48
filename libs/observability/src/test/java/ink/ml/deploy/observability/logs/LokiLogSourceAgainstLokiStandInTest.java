package ink.ml.deploy.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.testing.LokiStandIn;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LokiLogSource} against {@link LokiStandIn}, which answers in Loki's documented shapes
 * (Loki itself cannot run here): paging, windows, filters, the tenant boundary, errors and the
 * tail.
 */
class LokiLogSourceAgainstLokiStandInTest {
    // Generous: the first request also loads the client and the stand-in on a busy machine.
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static LokiStandIn loki;
    private static int run;

    private ServiceRef web;
    private LokiLogSource source;

    @BeforeAll
    static void startLoki() {
        loki = LokiStandIn.start();
    }

    @AfterAll
    static void stopLoki() {
        loki.close();
    }

    @BeforeEach
    void newService() {
        // A user of its own per test: the stand-in keeps every line pushed.
        web = ServiceRef.of("u" + (++run), "shop", "web");
        source = new LokiLogSource(loki.uri(), TIMEOUT);
        loki.serve();
        loki.maxEntriesLimitPerQuery(LokiStandIn.DEFAULT_MAX_ENTRIES);
    }

    @AfterEach
    void serveAgain() {
        loki.serve();
    }

    @Test
    void returnsTheNewestLinesOldestFirstAndSaysOlderOnesWereCut() {
        for (int i = 0; i < 5; i++) {
            push(web, "d1", "stdout", T0.plusSeconds(i), "line " + i);
        }

        LogPage page = source.read(web, query(T0, T0.plusSeconds(60), 3));

        assertThat(texts(page)).containsExactly("line 2", "line 3", "line 4");
        assertThat(page.truncated()).isTrue();
    }

    @Test
    void aPageHoldingEveryLineIsNotTruncated() {
        push(web, "d1", "stdout", T0, "only");

        LogPage page = source.read(web, query(T0, T0.plusSeconds(60), 1));

        assertThat(texts(page)).containsExactly("only");
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void theNextPageEndsWhereTheFirstBegan() {
        for (int i = 0; i < 5; i++) {
            push(web, "d1", "stdout", T0.plusSeconds(i), "line " + i);
        }
        LogPage first = source.read(web, query(T0, T0.plusSeconds(60), 3));

        LogPage older = source.read(web, query(T0, first.lines().get(0).timestamp(), 3));

        assertThat(texts(older)).containsExactly("line 0", "line 1");
        assertThat(older.truncated()).isFalse();
    }

    @Test
    void readsSinceInclusiveUntilExclusiveWithNanosecondPrecision() {
        push(web, "d1", "stdout", T0.minusNanos(1), "before");
        push(web, "d1", "stdout", T0, "first");
        push(web, "d1", "stdout", T0.plusNanos(999), "second");
        push(web, "d1", "stdout", T0.plusNanos(1000), "at until");

        LogPage page = source.read(web, query(T0, T0.plusNanos(1000), 10));

        assertThat(texts(page)).containsExactly("first", "second");
        assertThat(page.lines().get(1).timestamp()).isEqualTo(T0.plusNanos(999));
    }

    @Test
    void mergesStdoutAndStderrInTimeOrderWithTheirDeployments() {
        push(web, "d1", "stdout", T0, "starting");
        push(web, "d1", "stderr", T0.plusSeconds(1), "cannot reach the database");
        push(web, "d2", "stdout", T0.plusSeconds(2), "started again");

        LogPage page = source.read(web, query(T0, T0.plusSeconds(60), 10));

        assertThat(page.lines())
                .extracting(LogLine::stream, LogLine::text, LogLine::deployment)
                .containsExactly(
                        tuple(LogStream.STDOUT, "starting", Optional.of(DeploymentId.of("d1"))),
                        tuple(
                                LogStream.STDERR,
                                "cannot reach the database",
                                Optional.of(DeploymentId.of("d1"))),
                        tuple(
                                LogStream.STDOUT,
                                "started again",
                                Optional.of(DeploymentId.of("d2"))));
    }

    @Test
    void readsOneDeploymentsLines() {
        push(web, "d1", "stdout", T0, "old");
        push(web, "d2", "stdout", T0.plusSeconds(1), "new");

        LogPage page =
                source.read(
                        web,
                        new LogQuery(
                                T0,
                                T0.plusSeconds(60),
                                Optional.empty(),
                                10,
                                Optional.of(DeploymentId.of("d1"))));

        assertThat(texts(page)).containsExactly("old");
    }

    @Test
    void searchesForQuotesBackslashesAndLogQlSyntaxLiterally() {
        String odd = "said \"hi\" in C:\\tmp `x` {a=\"b\"} | json";
        push(web, "d1", "stdout", T0, "prefix " + odd + " suffix");
        push(web, "d1", "stdout", T0.plusSeconds(1), "said hi in C:tmp");

        LogPage page = source.read(web, search(odd));

        assertThat(texts(page)).containsExactly("prefix " + odd + " suffix");
    }

    @Test
    void neverReturnsAnotherNamespacesOrAnotherServicesLines() {
        ServiceRef otherTenant = ServiceRef.of("v" + run, "shop", "web");
        ServiceRef otherService = ServiceRef.of(web.user().value(), "shop", "api");
        push(web, "d1", "stdout", T0, "mine");
        push(otherTenant, "d9", "stdout", T0, "theirs");
        push(otherService, "d8", "stdout", T0, "api's");

        assertThat(texts(source.read(web, query(T0, T0.plusSeconds(60), 10))))
                .containsExactly("mine");
    }

    @Test
    void aSearchThatTriesToWidenTheSelectorOnlySearches() {
        ServiceRef otherTenant = ServiceRef.of("v" + run, "shop", "web");
        push(otherTenant, "d9", "stdout", T0, "secret of another tenant");
        push(web, "d1", "stdout", T0, "mine");

        LogPage page =
                source.read(
                        web,
                        search("\"} or {namespace=\"" + otherTenant.namespace() + "\"} |= \""));

        assertThat(page.lines()).isEmpty();
        assertThat(loki.queries().get(loki.queries().size() - 1))
                .startsWith("{namespace=\"" + web.namespace() + "\", service=\"web\"} |= ");
    }

    @Test
    void aLokiThatFailsIsUnavailable() {
        loki.fail();

        assertThatThrownBy(() -> source.read(web, query(T0, T0.plusSeconds(60), 10)))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("Loki is unavailable: ")
                .hasMessageContaining("HTTP 500")
                .extracting(e -> ((ObservabilityUnavailableException) e).dependency())
                .isEqualTo("Loki");
    }

    @Test
    void aLimitAboveLokisMaximumIsUnavailableWithLokisReason() {
        loki.maxEntriesLimitPerQuery(10);

        assertThatThrownBy(() -> source.read(web, query(T0, T0.plusSeconds(60), 10)))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining(
                        "max entries limit per query exceeded, limit > max_entries_limit (11 > 10)");
    }

    @Test
    void aLokiThatStallsTimesOut() {
        loki.stall();
        LokiLogSource impatient = new LokiLogSource(loki.uri(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.read(web, query(T0, T0.plusSeconds(60), 10)))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessage("Loki is unavailable: did not answer within 300 ms");
    }

    @Test
    void aLokiThatIsNotListeningIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LokiLogSource nowhere =
                new LokiLogSource(URI.create("http://127.0.0.1:" + closedPort), TIMEOUT);

        assertThatThrownBy(() -> nowhere.read(web, query(T0, T0.plusSeconds(60), 10)))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessage("Loki is unavailable: refused the connection");
    }

    @Test
    void anUnreadableAnswerIsUnavailable() throws Exception {
        HttpServer garbage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        garbage.createContext(
                "/",
                exchange -> {
                    byte[] body = "<html>not Loki</html>".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        garbage.start();
        try {
            LokiLogSource confused =
                    new LokiLogSource(
                            URI.create("http://127.0.0.1:" + garbage.getAddress().getPort()),
                            TIMEOUT);

            assertThatThrownBy(() -> confused.read(web, query(T0, T0.plusSeconds(60), 10)))
                    .isInstanceOf(ObservabilityUnavailableException.class)
                    .hasMessageStartingWith("Loki is unavailable: answered something unreadable");
        } finally {
            garbage.stop(0);
        }
    }

    @Test
    void aTailHearsTheServicesNewLinesUntilClosed() {
        push(web, "d1", "stdout", Instant.now().minusSeconds(60), "before the tail");
        HeardLines heard = new HeardLines();
        LogTail tail = source.tail(web, Optional.empty(), heard);
        try {
            push(ServiceRef.of("v" + run, "shop", "web"), "d9", "stdout", Instant.now(), "theirs");
            push(web, "d2", "stderr", Instant.now(), "after the tail");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(heard.texts()).contains("after the tail"));
            assertThat(heard.lines)
                    .singleElement()
                    .satisfies(
                            line -> {
                                assertThat(line.stream()).isEqualTo(LogStream.STDERR);
                                assertThat(line.deployment()).contains(DeploymentId.of("d2"));
                            });
        } finally {
            tail.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> loki.openTails() == 0);
        push(web, "d2", "stdout", Instant.now(), "after close");
        assertThat(heard.texts()).containsExactly("after the tail");
        assertThat(heard.failures).isEmpty();
    }

    @Test
    void aTailOnlyHearsLinesWithTheSearchText() {
        HeardLines heard = new HeardLines();
        try (LogTail tail = source.tail(web, Optional.of("GET \"/\""), heard)) {
            push(web, "d1", "stdout", Instant.now(), "POST /");
            push(web, "d1", "stdout", Instant.now(), "GET \"/\" 200");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(heard.texts()).containsExactly("GET \"/\" 200"));
        }
    }

    @Test
    void aTailThatLokiDropsEndsWithUnavailable() {
        HeardLines heard = new HeardLines();
        try (LogTail tail = source.tail(web, Optional.empty(), heard)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> loki.openTails() > 0);
            loki.dropTails();

            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.failures.isEmpty());
            assertThat(heard.failures).hasSize(1);
            assertThat(heard.failures.get(0))
                    .isInstanceOf(ObservabilityUnavailableException.class)
                    .hasMessageStartingWith("Loki is unavailable: closed the tail");
        }
    }

    @Test
    void aTailLokiRefusesIsUnavailable() {
        loki.fail();

        assertThatThrownBy(() -> source.tail(web, Optional.empty(), new HeardLines()))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("Loki is unavailable: refused the tail with HTTP 500");
    }

    @Test
    void aTailLokiNeverAcceptsTimesOut() {
        loki.stall();
        LokiLogSource impatient = new LokiLogSource(loki.uri(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.tail(web, Optional.empty(), new HeardLines()))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("Loki is unavailable: ");
    }

    private static void push(
            ServiceRef service, String deployment, String stream, Instant at, String line) {
        loki.push(
                Map.of(
                        LokiLabels.NAMESPACE,
                        service.namespace(),
                        LokiLabels.SERVICE,
                        service.service().value(),
                        LokiLabels.DEPLOYMENT_ID,
                        deployment,
                        LokiLabels.STREAM,
                        stream),
                at,
                line);
    }

    private static LogQuery query(Instant since, Instant until, int limit) {
        return new LogQuery(since, until, Optional.empty(), limit, Optional.empty());
    }

    private static LogQuery search(String text) {
        return new LogQuery(T0, T0.plusSeconds(60), Optional.of(text), 10, Optional.empty());
    }

    private static List<String> texts(LogPage page) {
        return page.lines().stream().map(LogLine::text).toList();
    }
}
