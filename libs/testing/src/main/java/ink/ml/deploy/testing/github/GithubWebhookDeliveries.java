package ink.ml.deploy.testing.github;

import static io.restassured.RestAssured.given;

import ink.ml.deploy.github.WebhookSignature;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Sends webhook deliveries to the service under test (RestAssured's base URI) the way GitHub does:
 * JSON body, event and delivery headers, signed with {@link #SECRET}; and the payloads of the
 * events the platform reads.
 */
public final class GithubWebhookDeliveries {
    /**
     * Equals {@code mcpdeploy.github.webhook.secret} in the services' test application.properties.
     */
    public static final String SECRET = "test-webhook-secret";

    private static final WebhookSignature SIGNER = WebhookSignature.withSecret(SECRET);
    private static final SecureRandom RANDOM = new SecureRandom();

    private GithubWebhookDeliveries() {}

    public static ValidatableResponse signed(String event, String delivery, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(event, delivery, SIGNER.sign(body), body);
    }

    public static ValidatableResponse send(
            String event, String delivery, String signature, byte[] body) {
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

    /** A delivery id shaped like GitHub's (a UUID), random. */
    public static String newDeliveryId() {
        return hex(4) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(6);
    }

    /** A random 40-hex commit sha. */
    public static String randomSha() {
        return hex(20);
    }

    public static String push(String repository, String branch, String sha) {
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

    public static String deletedBranch(String repository, String branch) {
        return "{\"ref\":\"refs/heads/"
                + branch
                + "\",\"before\":\"6113728f27ae82c7b1a177c8d03f9e96e0adf246\","
                + "\"after\":\"0000000000000000000000000000000000000000\","
                + "\"created\":false,\"deleted\":true,\"forced\":false,"
                + "\"repository\":{\"id\":1,\"full_name\":\""
                + repository
                + "\"},\"sender\":{\"login\":\"octo\",\"id\":1,\"type\":\"User\"}}";
    }

    public static String installation(
            String action, long installationId, long accountId, long sender) {
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

    private static String hex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
