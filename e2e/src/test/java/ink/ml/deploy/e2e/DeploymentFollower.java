package ink.ml.deploy.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Follows a deployment as a dashboard does: finds the service's deployment of a commit, then
 * listens to its {@code deploymentEvents} subscription, which replays what was recorded and
 * completes when the deployment has ended.
 */
final class DeploymentFollower {
    private static final String EVENTS =
            "subscription($id: ID!) { deploymentEvents(deploymentId: $id) { id step status message } }";

    private final Dashboard dashboard;
    private final URI webSocketUrl;
    private final String bearer;

    DeploymentFollower(Dashboard dashboard, URI webSocketUrl, String bearer) {
        this.dashboard = dashboard;
        this.webSocketUrl = webSocketUrl;
        this.bearer = bearer;
    }

    /**
     * @param deployment how it ended, as read after the subscription completed
     * @param events every event the subscription delivered, in order
     */
    record Followed(DeploymentView deployment, List<JsonNode> events) {
        /** {@code step:status} of each event, lower case, e.g. {@code build:started}. */
        List<String> steps() {
            return events.stream()
                    .map(
                            event ->
                                    (event.path("step").asText()
                                                    + ":"
                                                    + event.path("status").asText())
                                            .toLowerCase())
                    .toList();
        }
    }

    /**
     * Waits for the service's deployment of {@code sha} to be recorded and follows it to its end.
     */
    Followed follow(String serviceId, String sha, Duration deadline) {
        String deploymentId =
                await("a deployment of " + sha + " is recorded")
                        .atMost(deadline)
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> dashboard.latestDeployment(serviceId),
                                latest -> latest.map(d -> d.commitSha().equals(sha)).orElse(false))
                        .map(DeploymentView::id)
                        .orElseThrow();
        return followDeployment(deploymentId, deadline);
    }

    /** Follows one deployment through its events subscription to its end. */
    Followed followDeployment(String deploymentId, Duration deadline) {
        try (GraphqlSubscription events =
                GraphqlSubscription.open(
                        webSocketUrl,
                        bearer,
                        EVENTS,
                        Map.of("id", deploymentId),
                        "deploymentEvents")) {
            List<JsonNode> received = events.awaitCompletion(deadline);
            return new Followed(dashboard.deployment(deploymentId), received);
        }
    }
}
