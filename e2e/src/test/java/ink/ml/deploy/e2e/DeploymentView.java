package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** A deployment as GraphQL shows it. */
record DeploymentView(
        String id,
        String commitSha,
        String status,
        String trigger,
        String imageRef,
        String errorStep,
        String errorMessage) {
    /** The fields {@link #from} reads, for selection sets. */
    static final String FIELDS = "id commitSha status trigger imageRef errorStep errorMessage";

    static DeploymentView from(JsonNode node) {
        return new DeploymentView(
                node.path("id").asText(),
                node.path("commitSha").asText(),
                node.path("status").asText(),
                node.path("trigger").asText(),
                node.path("imageRef").isNull() ? null : node.path("imageRef").asText(null),
                node.path("errorStep").asText(null),
                node.path("errorMessage").asText(null));
    }

    boolean ended() {
        return !status.equals("QUEUED")
                && !status.equals("BUILDING")
                && !status.equals("DEPLOYING");
    }
}
