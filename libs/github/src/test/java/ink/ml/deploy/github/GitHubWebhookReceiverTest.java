package ink.ml.deploy.github;

import static ink.ml.deploy.github.GitHubEventParserTest.payload;
import static ink.ml.deploy.github.GitHubEventParserTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.github.RejectedWebhookException.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GitHubWebhookReceiverTest {
    private static final String SECRET = "webhook-secret-for-tests";
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private static final WebhookSignature SIGNER = WebhookSignature.withSecret(SECRET);

    private final GitHubWebhookReceiver receiver =
            new GitHubWebhookReceiver(Optional.of(SECRET), 64 * 1024);

    @Test
    void acceptsSignedPush() {
        byte[] body = payload("push.json");

        GitHubEvent event = receive(receiver, "push", DELIVERY, SIGNER.sign(body), body);

        assertThat(event).isInstanceOf(BranchPush.class);
        assertThat(event.delivery().value()).isEqualTo(DELIVERY);
    }

    @Test
    void refusesEverythingWhenNoSecretIsConfigured() {
        byte[] body = payload("push.json");

        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""))) {
            GitHubWebhookReceiver unconfigured = new GitHubWebhookReceiver(none, 64 * 1024);
            assertRejected(
                    () -> receive(unconfigured, "push", DELIVERY, SIGNER.sign(body), body),
                    Reason.NOT_CONFIGURED,
                    503);
        }
    }

    @Test
    void refusesMissingSignature() {
        byte[] body = payload("push.json");

        assertRejected(
                () -> receive(receiver, "push", DELIVERY, null, body),
                Reason.SIGNATURE_MISSING,
                401);
    }

    @Test
    void refusesForgedSignature() {
        byte[] body = payload("push.json");
        String forged = WebhookSignature.withSecret("not-the-secret").sign(body);

        assertRejected(
                () -> receive(receiver, "push", DELIVERY, forged, body),
                Reason.SIGNATURE_INVALID,
                401);
    }

    @Test
    void refusesBodyChangedAfterSigning() {
        byte[] body = payload("push.json");
        String signature = SIGNER.sign(body);
        byte[] changed = new String(body).replace("Hello-World", "Other-Repo").getBytes();

        assertRejected(
                () -> receive(receiver, "push", DELIVERY, signature, changed),
                Reason.SIGNATURE_INVALID,
                401);
    }

    @Test
    void refusesOversizedBodyByDeclaredLengthWithoutReadingIt() {
        InputStream unread =
                new InputStream() {
                    @Override
                    public int read() {
                        throw new AssertionError("the body must not be read");
                    }
                };

        assertRejected(
                () ->
                        receiver.receive(
                                "push",
                                DELIVERY,
                                "sha256=00",
                                OptionalLong.of(64 * 1024 + 1),
                                unread),
                Reason.BODY_TOO_LARGE,
                413);
    }

    @Test
    void refusesOversizedBodyWithoutDeclaredLength() {
        byte[] body = new byte[64 * 1024 + 1];

        assertRejected(
                () -> receive(receiver, "push", DELIVERY, SIGNER.sign(body), body),
                Reason.BODY_TOO_LARGE,
                413);
    }

    @Test
    void refusesInvalidDeliveryId() {
        byte[] body = payload("push.json");

        assertThatThrownBy(() -> receive(receiver, "push", "../../etc", SIGNER.sign(body), body))
                .isInstanceOfSatisfying(
                        RejectedWebhookException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                            assertThat(e.getMessage()).startsWith("X-GitHub-Delivery");
                        });
        assertRejected(
                () -> receive(receiver, "push", null, SIGNER.sign(body), body),
                Reason.MALFORMED,
                400);
    }

    @Test
    void refusesSignedButMalformedPayload() {
        byte[] body = utf8("{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}");

        assertRejected(
                () -> receive(receiver, "push", DELIVERY, SIGNER.sign(body), body),
                Reason.MALFORMED,
                400);
    }

    private static GitHubEvent receive(
            GitHubWebhookReceiver receiver,
            String event,
            String delivery,
            String signature,
            byte[] body) {
        return receiver.receive(
                event, delivery, signature, OptionalLong.empty(), new ByteArrayInputStream(body));
    }

    private static void assertRejected(Runnable call, Reason reason, int status) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        RejectedWebhookException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(reason);
                            assertThat(e.httpStatus()).isEqualTo(status);
                        });
    }
}
