package ink.ml.deploy.deployer.server.github;

import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.newDeliveryId;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.push;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.randomSha;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.testing.WorkflowExecutions;
import ink.ml.deploy.testing.github.GithubPushWorkflowIds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no webhook secret configured, nothing can be verified: every delivery is refused. */
@QuarkusTest
@TestProfile(GithubWebhookWithoutSecretTest.NoSecret.class)
@WithTestResource(TemporalTestServerResource.class)
class GithubWebhookWithoutSecretTest {

    /** The test configuration without {@code mcpdeploy.github.webhook.secret}. */
    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mcpdeploy.github.webhook.secret", "");
        }
    }

    @Inject WorkflowClient client;

    @Test
    void answers503AndStartsNothing() {
        String body = push("octo/shop", "main", randomSha());

        signed("push", newDeliveryId(), body)
                .statusCode(503)
                .body("message", containsString("no webhook secret"));

        assertThat(WorkflowExecutions.describe(client, GithubPushWorkflowIds.of(body))).isEmpty();
    }
}
