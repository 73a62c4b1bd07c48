package ink.ml.deploy.graphql.github;

import static io.restassured.RestAssured.given;

import ink.ml.deploy.github.WebhookSignature;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;

/** Sends webhook deliveries the way GitHub does: JSON body, event and delivery headers, signed. */
final class GithubDeliveries {
    /** Equals {@code mcpdeploy.github.webhook.secret} in the test application.properties. */
    static final String SECRET = "test-webhook-secret";

    private static final WebhookSignature SIGNER = WebhookSignature.withSecret(SECRET);

    private GithubDeliveries() {}

    static ValidatableResponse signed(String event, String delivery, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(event, delivery, SIGNER.sign(body), body);
    }

    static ValidatableResponse send(String event, String delivery, String signature, byte[] body) {
        var request =
                given().contentType("application/json")
                        .header("X-GitHub-Event", event)
                        .header("X-GitHub-Delivery", delivery)
                        .header("User-Agent", "GitHub-Hookshot/test");
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return request.body(body).when().post("/webhooks/github").then();
    }

    static String push(String repository, String branch, String sha) {
        return "{\"ref\":\"refs/heads/"
                + branch
                + "\",\"before\":\"0000000000000000000000000000000000000000\",\"after\":\""
                + sha
                + "\",\"created\":true,\"deleted\":false,\"forced\":false,"
                + "\"repository\":{\"id\":1,\"name\":\""
                + repository.substring(repository.indexOf('/') + 1)
                + "\",\"full_name\":\""
                + repository
                + "\"},\"sender\":{\"login\":\"octo\",\"id\":1,\"type\":\"User\"}}";
    }

    static String deletedBranch(String repository, String branch) {
        return "{\"ref\":\"refs/heads/"
                + branch
                + "\",\"before\":\"6113728f27ae82c7b1a177c8d03f9e96e0adf246\","
                + "\"after\":\"0000000000000000000000000000000000000000\","
                + "\"created\":false,\"deleted\":true,\"forced\":false,"
                + "\"repository\":{\"id\":1,\"full_name\":\""
                + repository
                + "\"},\"sender\":{\"login\":\"octo\",\"id\":1,\"type\":\"User\"}}";
    }

    static String installation(String action, long installationId, long accountId, long sender) {
        return "{\"action\":\""
                + action
                + "\",\"installation\":{\"id\":"
                + installationId
                + ",\"account\":{\"login\":\"octo\",\"id\":"
                + accountId
                + ",\"type\":\"User\"},\"target_type\":\"User\"},"
                + "\"sender\":{\"login\":\"octo\",\"id\":"
                + sender
                + ",\"type\":\"User\"}}";
    }
}
