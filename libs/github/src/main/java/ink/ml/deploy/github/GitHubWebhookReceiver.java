package ink.ml.deploy.github;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.InvalidValueException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a GitHub webhook endpoint checks before it acts, in the order that starts nothing on a
 * bad delivery: a secret is configured (else every delivery is refused, 503), the body fits the
 * limit (413), the signature is present and right (401), the delivery id and the payload are valid
 * (400). What passes is a {@link GitHubEvent}; the caller decides what it starts.
 */
public final class GitHubWebhookReceiver {
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    private final Optional<WebhookSignature> signature;
    private final long maxBodyBytes;

    /**
     * @param secret the webhook secret; empty (or blank) refuses every delivery
     * @param maxBodyBytes the largest body accepted
     */
    public GitHubWebhookReceiver(Optional<String> secret, long maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.signature = secret.filter(s -> !s.isBlank()).map(WebhookSignature::withSecret);
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param event {@code X-GitHub-Event}
     * @param delivery {@code X-GitHub-Delivery}
     * @param signatureHeader {@code X-Hub-Signature-256}
     * @param declaredLength {@code Content-Length} when sent, to refuse a large body unread
     * @throws RejectedWebhookException when the delivery must be refused; nothing was started
     */
    public GitHubEvent receive(
            String event,
            String delivery,
            String signatureHeader,
            OptionalLong declaredLength,
            InputStream body) {
        WebhookSignature verifier =
                signature.orElseThrow(
                        () ->
                                new RejectedWebhookException(
                                        RejectedWebhookException.Reason.NOT_CONFIGURED,
                                        "GitHub webhooks are not enabled here: no webhook secret"
                                                + " is configured"));
        if (declaredLength.isPresent() && declaredLength.getAsLong() > maxBodyBytes) {
            throw WebhookBody.tooLarge(maxBodyBytes);
        }
        byte[] raw = WebhookBody.read(body, maxBodyBytes);
        if (signatureHeader == null || signatureHeader.isEmpty()) {
            throw new RejectedWebhookException(
                    RejectedWebhookException.Reason.SIGNATURE_MISSING,
                    WebhookSignature.HEADER + " is missing: configure the webhook with a secret");
        }
        if (!verifier.matches(raw, signatureHeader)) {
            throw new RejectedWebhookException(
                    RejectedWebhookException.Reason.SIGNATURE_INVALID,
                    WebhookSignature.HEADER + " does not match the body and the configured secret");
        }
        try {
            DeliveryId deliveryId = deliveryId(delivery);
            return GitHubEventParser.parse(event, deliveryId, raw);
        } catch (InvalidValueException e) {
            throw new RejectedWebhookException(
                    RejectedWebhookException.Reason.MALFORMED, e.getMessage());
        }
    }

    private static DeliveryId deliveryId(String delivery) {
        try {
            return DeliveryId.of(delivery);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(DELIVERY_HEADER, e.rule());
        }
    }
}
