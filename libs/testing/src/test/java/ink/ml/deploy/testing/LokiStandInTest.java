package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in answers as Loki documents: direction, limits, windows and refusals. */
class LokiStandInTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final String SELECTOR = "{namespace=\"dp-a-b\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LokiStandIn loki;

    @BeforeAll
    static void start() {
        loki = LokiStandIn.start();
        for (int i = 0; i < 3; i++) {
            loki.push(
                    Map.of("namespace", "dp-a-b", "stream", "stdout"),
                    T0.plusSeconds(i),
                    "line " + i);
        }
        loki.push(Map.of("namespace", "dp-other", "stream", "stdout"), T0, "other");
    }

    @AfterAll
    static void stop() {
        loki.close();
    }

    @Test
    void backwardReturnsTheNewestFirst() throws Exception {
        HttpResponse<String> response = queryRange(SELECTOR, "limit=2&direction=backward");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"resultType\":\"streams\"")
                .contains(
                        "[\""
                                + nanos(T0.plusSeconds(2))
                                + "\",\"line 2\"],[\""
                                + nanos(T0.plusSeconds(1))
                                + "\",\"line 1\"]")
                .doesNotContain("line 0")
                .doesNotContain("other");
    }

    @Test
    void forwardReturnsTheOldestFirst() throws Exception {
        HttpResponse<String> response = queryRange(SELECTOR, "limit=2&direction=forward");

        assertThat(response.body())
                .contains(
                        "[\""
                                + nanos(T0)
                                + "\",\"line 0\"],[\""
                                + nanos(T0.plusSeconds(1))
                                + "\",\"line 1\"]")
                .doesNotContain("line 2");
    }

    @Test
    void endIsExclusiveAndLineFiltersApply() throws Exception {
        HttpResponse<String> response =
                queryRange(
                        SELECTOR + " |= \"line\" |= `1`",
                        "start=" + nanos(T0) + "&end=" + nanos(T0.plusSeconds(2)));

        assertThat(response.body())
                .contains("line 1")
                .doesNotContain("line 0")
                .doesNotContain("line 2");
    }

    @Test
    void refusesWhatLokiRefusesInPlainText() throws Exception {
        HttpResponse<String> malformed = queryRange("{namespace=~\"dp-.*\"}", "");
        loki.maxEntriesLimitPerQuery(10);
        HttpResponse<String> tooMany;
        try {
            tooMany = queryRange(SELECTOR, "limit=11");
        } finally {
            loki.maxEntriesLimitPerQuery(LokiStandIn.DEFAULT_MAX_ENTRIES);
        }

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("parse error at line 1, col ");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body())
                .isEqualTo(
                        "max entries limit per query exceeded, limit > max_entries_limit (11 > 10)\n");
    }

    private static HttpResponse<String> queryRange(String query, String parameters)
            throws Exception {
        // The caller's parameters first: a repeated parameter's first value is the one read.
        String uri =
                loki.uri()
                        + "/loki/api/v1/query_range?query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)
                        + (parameters.isEmpty() ? "" : "&" + parameters)
                        + "&start="
                        + nanos(T0.minusSeconds(60))
                        + "&end="
                        + nanos(T0.plusSeconds(60));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String nanos(Instant instant) {
        return instant.getEpochSecond() + String.format("%09d", instant.getNano());
    }
}
