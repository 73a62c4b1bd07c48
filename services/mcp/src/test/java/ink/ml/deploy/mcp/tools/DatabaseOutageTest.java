package ink.ml.deploy.mcp.tools;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.testing.OutagePostgresTestResource;
import ink.ml.deploy.testing.RestartablePostgres;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What an agent sees while the product plane's database is stopped: on an MCP session opened before
 * the outage, a {@code tools/call} answers 503 with {@code Retry-After} (its credential cannot be
 * checked) or a tool error saying the database cannot be reached, never SQL or a stack trace; a new
 * session is refused the same way; and both work again once the database is back. The GraphQL side
 * is graphql's {@code DatabaseOutageTest}, the deployments' side {@code DeploymentFaultsIT}.
 */
@QuarkusTest
@WithTestResource(OutagePostgresTestResource.class)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class DatabaseOutageTest {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final AtomicInteger IDS = new AtomicInteger();

    @Inject ToolFixtures fixtures;

    @Test
    void whileTheDatabaseIsStoppedToolCallsAreUnavailableAndAnswerAgainOnceItIsBack() {
        Caller user = fixtures.user("dbdown");
        String key = fixtures.apiKey(user);
        String session = initialize(key).header("Mcp-Session-Id");
        assertThat(session).isNotBlank();
        given().header("Authorization", "Bearer " + key)
                .header("Mcp-Session-Id", session)
                .contentType("application/json")
                .accept(ACCEPT)
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp")
                .then()
                .statusCode(202);
        Response before = listProjects(key, session);
        assertThat(before.statusCode()).as(before.asString()).isEqualTo(200);
        assertThat(before.asString()).contains("\"result\"").doesNotContain("\"isError\":true");

        RestartablePostgres postgres = OutagePostgresTestResource.server();
        long fault = System.nanoTime();
        postgres.stop();
        try {
            assertUnavailable(listProjects(key, session));
            assertUnavailable(initialize(key));
            System.out.printf(
                    "FAULT PostgreSQL stopped: mcp answered unavailable %d ms after the fault%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fault));
        } finally {
            postgres.startAgain();
        }
        long back = System.nanoTime();

        await("mcp answers once the database is back")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            Response again = listProjects(key, session);
                            return again.statusCode() == 200
                                    && again.asString().contains("\"result\"")
                                    && !again.asString().contains("\"isError\":true");
                        });
        System.out.printf(
                "FAULT PostgreSQL stopped: mcp answered again %d ms after the database was back%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));
    }

    private static Response initialize(String key) {
        return given().header("Authorization", "Bearer " + key)
                .contentType("application/json")
                .accept(ACCEPT)
                .body(
                        "{\"jsonrpc\":\"2.0\",\"id\":"
                                + IDS.incrementAndGet()
                                + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":"
                                + "\"outage-test\",\"version\":\"1\"}}}")
                .post("/mcp");
    }

    private static Response listProjects(String key, String session) {
        return given().header("Authorization", "Bearer " + key)
                .header("Mcp-Session-Id", session)
                .contentType("application/json")
                .accept(ACCEPT)
                .body(
                        "{\"jsonrpc\":\"2.0\",\"id\":"
                                + IDS.incrementAndGet()
                                + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                                + "\"list_projects\",\"arguments\":{}}}")
                .post("/mcp");
    }

    /**
     * 503 with Retry-After before the tool ran, or the tool's error result; either way the database
     * is named and nothing of SQL, a class or a stack trace shows.
     */
    private static void assertUnavailable(Response response) {
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isIn(200, 503);
        if (response.statusCode() == 503) {
            assertThat(response.header("Retry-After")).as(body).isNotBlank();
        } else {
            assertThat(body).contains("\"isError\":true");
        }
        assertThat(body)
                .containsIgnoringCase("database")
                .containsIgnoringCase("try again")
                .doesNotContainIgnoringCase("sql")
                .doesNotContain("Exception", "\\tat ", "select ", "jdbc");
    }
}
