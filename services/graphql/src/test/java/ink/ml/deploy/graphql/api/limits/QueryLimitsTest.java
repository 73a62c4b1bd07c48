package ink.ml.deploy.graphql.api.limits;

import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class QueryLimitsTest {
    @Inject Accounts accounts;

    @Test
    void theDashboardsNestedQueryIsWithinTheLimits() {
        Account user = accounts.register();

        ok(
                post(
                        user.bearer(),
                        "{ projects(first: 20) { totalCount edges { node { id name services(first:"
                                + " 50) { totalCount edges { node { id name hostname"
                                + " latestDeployment { id status createdAt } } } } } } } }"));
    }

    @Test
    void refusesAQueryNestedTooDeep() {
        Account user = accounts.register();

        var error =
                error(
                        post(
                                user.bearer(),
                                "{ projects { edges { node { services { edges { node { deployments"
                                        + " { edges { node { events { edges { node { id } } } } }"
                                        + " } } } } } } } }"),
                        "QUERY_TOO_COMPLEX");

        assertThat(error.get("message").toString()).contains("13 levels deep");
    }

    @Test
    void refusesNestedPagesThatMultiplyIntoTooMuchWork() {
        Account user = accounts.register();

        var error =
                error(
                        post(
                                user.bearer(),
                                "{ projects(first: 100) { edges { node { services(first: 100) {"
                                        + " edges { node { deployments(first: 100) { edges { node {"
                                        + " id } } } } } } } } } }"),
                        "QUERY_TOO_COMPLEX");

        assertThat(error.get("message").toString()).contains("smaller pages");
    }

    @Test
    void refusesAnOversizedRequestBody() {
        Account user = accounts.register();
        String padding = " ".repeat(70_000);

        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + user.bearer())
                .body(Map.of("query", "{ me { id " + padding + "} }"))
                .post("/graphql")
                .then()
                .statusCode(413);
    }

    @Test
    void aDocumentThatIsNotGraphqlIsAParseError() {
        Account user = accounts.register();

        error(post(user.bearer(), "{ me { id "), "GRAPHQL_PARSE_FAILED");
    }

    @Test
    void anUnknownFieldIsAValidationError() {
        Account user = accounts.register();

        error(post(user.bearer(), "{ me { password } }"), "GRAPHQL_VALIDATION_FAILED");
    }
}
