package ink.ml.deploy.graphql.api.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.testing.OutagePostgresTestResource;
import ink.ml.deploy.testing.RestartablePostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a dashboard sees while the product plane's database is stopped: a structured {@code
 * UNAVAILABLE} error, never a 500 or a word of SQL, and normal answers again once it is back. The
 * deployments' side of the same outage is {@code DeploymentFaultsIT} in integration-tests.
 */
@QuarkusTest
@WithTestResource(OutagePostgresTestResource.class)
class DatabaseOutageTest {
    private static final String ME = "{ me { id } }";
    private static final String PROJECTS = "{ projects { totalCount } }";

    @Inject Accounts accounts;

    @Test
    void whileTheDatabaseIsStoppedEveryRequestIsUnavailableAndItAnswersAgainOnceItIsBack() {
        Account user = accounts.register();
        assertThat(send(user.bearer(), ME).jsonPath().getString("data.me.id")).isEqualTo(user.id());
        int projectsBefore =
                send(user.bearer(), PROJECTS).jsonPath().getInt("data.projects.totalCount");
        RestartablePostgres postgres = OutagePostgresTestResource.server();

        long fault = System.nanoTime();
        postgres.stop();
        try {
            for (String query : List.of(ME, PROJECTS)) {
                assertUnavailable(send(user.bearer(), query));
            }
            long firstAnswer = System.nanoTime();
            System.out.printf(
                    "FAULT PostgreSQL stopped: graphql answered UNAVAILABLE %d ms after the fault%n",
                    TimeUnit.NANOSECONDS.toMillis(firstAnswer - fault));
        } finally {
            postgres.startAgain();
        }
        long back = System.nanoTime();

        await("graphql answers once the database is back")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> send(user.bearer(), ME).jsonPath().getString("data.me.id"),
                        user.id()::equals);
        System.out.printf(
                "FAULT PostgreSQL stopped: graphql answered again %d ms after the database was"
                        + " back, %d ms after the fault%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fault));
        // What was stored before the outage is all there after it.
        Response projects = send(user.bearer(), PROJECTS);
        assertThat(projects.jsonPath().getList("errors")).as(projects.asString()).isNullOrEmpty();
        assertThat(projects.jsonPath().getInt("data.projects.totalCount"))
                .isEqualTo(projectsBefore);
    }

    private static Response send(String bearer, String query) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + bearer)
                .body(Map.of("query", query))
                .post("/graphql");
    }

    /**
     * 503 with Retry-After when the request stopped before GraphQL ran (its credential could not be
     * checked), 200 with the error when a resolver met the outage; either way one error coded
     * UNAVAILABLE, with no SQL, class name or stack trace.
     */
    private static void assertUnavailable(Response response) {
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isIn(200, 503);
        if (response.statusCode() == 503) {
            assertThat(response.header("Retry-After")).as(body).isNotBlank();
        }
        List<Map<String, Object>> errors = response.jsonPath().getList("errors");
        assertThat(errors).as(body).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
        assertThat(extensions).as(body).containsEntry("code", "UNAVAILABLE");
        assertThat(extensions.keySet()).isSubsetOf("code", "field");
        assertThat(body)
                .containsIgnoringCase("database")
                .doesNotContainIgnoringCase("sql")
                .doesNotContain("Exception", "\tat ", "select ", "jdbc");
    }
}
