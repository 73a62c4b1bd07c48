package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A GitHub {@code push} webhook delivery as GitHub sends it: the JSON payload, {@code
 * X-GitHub-Event: push}, {@code X-GitHub-Delivery} and {@code X-Hub-Signature-256} (HMAC-SHA256 of
 * the body with the webhook secret). {@link #deliver} may be called again to redeliver the very
 * same delivery, as GitHub's "Redeliver" button does.
 */
final class GithubPushDelivery {
    private final String deliveryId;
    private final byte[] body;
    private final String signature;

    private GithubPushDelivery(String deliveryId, byte[] body, String signature) {
        this.deliveryId = deliveryId;
        this.body = body;
        this.signature = signature;
    }

    /**
     * @param repository {@code owner/name}
     * @param secret the webhook secret the receiver verifies with
     */
    static GithubPushDelivery of(
            String deliveryId, String repository, String branch, String sha, String secret) {
        ObjectNode payload = GraphqlClient.JSON.createObjectNode();
        payload.put("ref", "refs/heads/" + branch);
        payload.put("before", "0".repeat(40));
        payload.put("after", sha);
        payload.put("created", false);
        payload.put("deleted", false);
        ObjectNode repo = payload.putObject("repository");
        repo.put("full_name", repository);
        repo.put("name", repository.substring(repository.indexOf('/') + 1));
        repo.putObject("owner").put("login", repository.substring(0, repository.indexOf('/')));
        payload.putObject("head_commit").put("id", sha).put("message", "e2e push");
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return new GithubPushDelivery(deliveryId, body, "sha256=" + hmac(secret, body));
    }

    record Reply(int status, JsonNode body) {}

    /** POSTs the delivery to {@code webhookUrl}. */
    Reply deliver(URI webhookUrl) {
        HttpRequest request =
                HttpRequest.newBuilder(webhookUrl)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "GitHub-Hookshot/e2e")
                        .header("X-GitHub-Event", "push")
                        .header("X-GitHub-Delivery", deliveryId)
                        .header("X-Hub-Signature-256", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), GraphqlClient.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("the webhook receiver did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
