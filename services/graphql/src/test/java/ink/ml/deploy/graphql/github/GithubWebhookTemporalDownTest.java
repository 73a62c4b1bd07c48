package ink.ml.deploy.graphql.github;

import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.push;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.graphql.temporal.TemporalDownProfile;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.PrometheusText;
import ink.ml.deploy.testing.github.GithubPushWorkflowIds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Temporal unreachable: the push is refused with 503 and the delivery is not recorded, so GitHub's
 * redelivery (once Temporal is back) deploys instead of being taken for a duplicate. The profile is
 * the one the mutation tests share, so all of them run in one application.
 */
@QuarkusTest
@TestProfile(TemporalDownProfile.class)
@WithTestResource(PostgresTestResource.class)
class GithubWebhookTemporalDownTest {

    @Inject GithubFixtures fixtures;

    @Test
    void refusesPushWith503AndRecordsNothing() {
        String repository = fixtures.uniqueRepository();
        fixtures.githubService(fixtures.newUser(), "web", repository, "main");
        String body = push(repository, "main", fixtures.randomSha());

        signed("push", fixtures.newDeliveryId(), body)
                .statusCode(503)
                .header("Retry-After", equalTo("30"))
                .body("outcome", equalTo("rejected"))
                .body("message", containsString("nothing was started"));

        assertThat(fixtures.deliveryRecorded(GithubPushWorkflowIds.parsed(body).pushId().value()))
                .isFalse();
    }

    @Test
    void refusalIsCountedAsTheWorkflowEngineUnavailable() {
        String repository = fixtures.uniqueRepository();
        fixtures.githubService(fixtures.newUser(), "web", repository, "main");
        Map<String, String> unavailable =
                Map.of("outcome", "rejected", "reason", "workflow_engine_unavailable");
        double before = unavailable(unavailable);

        signed("push", fixtures.newDeliveryId(), push(repository, "main", fixtures.randomSha()))
                .statusCode(503);

        assertThat(unavailable(unavailable)).isEqualTo(before + 1);
    }

    private static double unavailable(Map<String, String> tags) {
        return PrometheusText.value(
                PrometheusText.scrape(), "mcpdeploy_webhook_deliveries_total", tags);
    }
}
