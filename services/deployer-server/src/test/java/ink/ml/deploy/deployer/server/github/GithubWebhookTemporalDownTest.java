package ink.ml.deploy.deployer.server.github;

import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.newDeliveryId;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.push;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.randomSha;
import static ink.ml.deploy.testing.github.GithubWebhookDeliveries.signed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ink.ml.deploy.testing.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Temporal unreachable: pushes are refused with 503 (GitHub redelivers) and /healthz says DOWN. */
@QuarkusTest
@TestProfile(GithubWebhookTemporalDownTest.TemporalDown.class)
class GithubWebhookTemporalDownTest {

    /** Temporal's target is a local port nothing listens on. */
    public static class TemporalDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.temporal.connection.target",
                    "localhost:" + closedPort(),
                    "quarkus.temporal.connection.rpc-retry.expiration",
                    "1s");
        }
    }

    @Test
    void refusesPushWith503() {
        signed("push", newDeliveryId(), push("octo/shop", "main", randomSha()))
                .statusCode(503)
                .header("Retry-After", equalTo("30"))
                .body("message", containsString("nothing was started"));
    }

    @Test
    void refusalIsCountedAsTheWorkflowEngineUnavailable() {
        Map<String, String> unavailable =
                Map.of("outcome", "rejected", "reason", "workflow_engine_unavailable");
        double before =
                PrometheusText.value(
                        PrometheusText.scrapeManagementInterface(),
                        "mcpdeploy_webhook_deliveries_total",
                        unavailable);

        signed("push", newDeliveryId(), push("octo/shop", "main", randomSha())).statusCode(503);

        assertThat(
                        PrometheusText.value(
                                PrometheusText.scrapeManagementInterface(),
                                "mcpdeploy_webhook_deliveries_total",
                                unavailable))
                .isEqualTo(before + 1);
    }

    @Test
    void healthzIsDown() {
        given().when().get("/healthz").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
