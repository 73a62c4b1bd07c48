package ink.ml.deploy.graphql.api.errors;

import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.testing.LoggedProblems;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What graphql-java and the service's limits refuse is the client's mistake: it is answered with a
 * code the client can act on, never {@code INTERNAL_SERVER_ERROR}, and it is not logged as a fault.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CodedErrorsInstrumentationTest {
    @Inject Accounts accounts;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bad-faith introspection | INTROSPECTION_REFUSED"
                        + " | { __schema { types { fields { type { fields { name } } } } } }",
                "not GraphQL | GRAPHQL_PARSE_FAILED | { me { id ",
                "unknown field | GRAPHQL_VALIDATION_FAILED | { me { password } }",
                "undeclared variable | GRAPHQL_VALIDATION_FAILED"
                        + " | { projects(first: $n) { totalCount } }",
                "nested too deep | QUERY_TOO_COMPLEX | { projects { edges { node { services { edges"
                        + " { node { deployments { edges { node { events { edges { node { id } } }"
                        + " } } } } } } } } } }",
                "too much work | QUERY_TOO_COMPLEX | { projects(first: 100) { edges { node {"
                        + " services(first: 100) { edges { node { deployments(first: 100) { edges {"
                        + " node { id } } } } } } } } } }",
            })
    void refusalIsAClientErrorWithItsOwnCode(String refusal, String code, String query) {
        String bearer = accounts.register().bearer();

        try (LoggedProblems logged = LoggedProblems.capture()) {
            error(post(bearer, query), code);

            assertThat(logged.errors()).as(refusal).isEmpty();
        }
    }

    /** SmallRye reports the argument it cannot convert; the field left null is no second error. */
    @Test
    void aVariableOfTheWrongTypeIsOneValidationError() {
        String bearer = accounts.register().bearer();

        try (LoggedProblems logged = LoggedProblems.capture()) {
            error(
                    post(
                            bearer,
                            "query($n: Int) { projects(first: $n) { totalCount } }",
                            Map.of("n", "twenty")),
                    "GRAPHQL_VALIDATION_FAILED");

            assertThat(logged.errors()).isEmpty();
        }
    }

    @Test
    void anOversizedRequestIsRefusedWithACode() {
        String bearer = accounts.register().bearer();

        try (LoggedProblems logged = LoggedProblems.capture()) {
            given().contentType(ContentType.JSON)
                    .header("Authorization", "Bearer " + bearer)
                    .body(Map.of("query", "{ me { id " + " ".repeat(70_000) + "} }"))
                    .post("/graphql")
                    .then()
                    .statusCode(413)
                    .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                    .body("errors[0].message", containsString("split it"));

            assertThat(logged.errors()).isEmpty();
        }
    }
}
