package ink.ml.deploy.graphql.api.telemetry;

import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each root field a request executes is counted by type, schema name and outcome. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class OperationsInstrumentationTest {
    private static final String OPERATIONS = "mcpdeploy_graphql_operations_total";

    @Inject Accounts accounts;

    @Test
    void eachRootFieldIsCountedUnderItsSchemaNameNotTheClientsOperationName() {
        String bearer = accounts.register().bearer();
        String clientName = "Dashboard" + UUID.randomUUID().toString().replace("-", "");
        double me = count(Map.of("type", "query", "operation", "me", "outcome", "ok"));
        double projects = count(Map.of("type", "query", "operation", "projects", "outcome", "ok"));

        ok(post(bearer, "query " + clientName + " { me { id } mine: projects { totalCount } }"));

        assertThat(count(Map.of("type", "query", "operation", "me", "outcome", "ok")))
                .isEqualTo(me + 1);
        assertThat(count(Map.of("type", "query", "operation", "projects", "outcome", "ok")))
                .isEqualTo(projects + 1);
        assertThat(PrometheusText.scrape()).doesNotContain(clientName, "mine");
    }

    @Test
    void aRootFieldThatFailsIsCountedWithItsErrorCode() {
        String bearer = accounts.register().bearer();
        Map<String, String> notFound =
                Map.of("type", "query", "operation", "deployment", "outcome", "not_found");
        double before = count(notFound);

        error(
                post(bearer, "{ deployment(id: \"" + UUID.randomUUID() + "\") { id } }"),
                "NOT_FOUND");

        assertThat(count(notFound)).isEqualTo(before + 1);
    }

    @Test
    void aRequestRefusedBeforeExecutionIsOneUnknownOperation() {
        String bearer = accounts.register().bearer();
        Map<String, String> invalid =
                Map.of(
                        "type", "unknown",
                        "operation", "unknown",
                        "outcome", "graphql_validation_failed");
        double before = count(invalid);

        error(post(bearer, "{ noSuchField { id } }"), "GRAPHQL_VALIDATION_FAILED");

        assertThat(count(invalid)).isEqualTo(before + 1);
        assertThat(PrometheusText.scrape()).doesNotContain("noSuchField");
    }

    private static double count(Map<String, String> tags) {
        return PrometheusText.value(PrometheusText.scrape(), OPERATIONS, tags);
    }
}
