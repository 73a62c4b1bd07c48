package ink.ml.deploy.deployer.server.github;

import static io.restassured.RestAssured.given;

import ink.ml.deploy.github.WebhookSignature;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Sends webhook deliveries the way GitHub does: JSON body, event and delivery headers, signed. */
final class GithubDeliveries {
    /** Equals {@code mcpdeploy.github.webhook.secret} in the test application.properties. */
    static final String SECRET = "test-webhook-secret";

    private static final WebhookSignature SIGNER = WebhookSignature.withSecret(SECRET);
    private static final SecureRandom RANDOM = new SecureRandom();

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

    static String newDeliveryId() {
        return hex(4) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(6);
    }

    static String randomSha() {
        return hex(20);
    }

    static String push(String repository, String branch, String sha) {
        return "{\"ref\":\"refs/heads/"
                + branch
                + "\",\"before\":\"0000000000000000000000000000000000000000\",\"after\":\""
                + sha
                + "\",\"created\":true,\"deleted\":false,\"forced\":false,"
                + "\"repository\":{\"id\":1,\"full_name\":\""
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

    private static String hex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
