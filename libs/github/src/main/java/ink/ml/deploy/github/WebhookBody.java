package ink.ml.deploy.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a webhook body up to a limit and refuses it past the limit without reading further, so an
 * oversized or endless body cannot fill the heap. The signature covers the raw bytes, so they are
 * kept exactly as received.
 */
public final class WebhookBody {
    private static final int CHUNK = 8192;

    private WebhookBody() {}

    /**
     * @throws RejectedWebhookException {@link RejectedWebhookException.Reason#BODY_TOO_LARGE} when
     *     the body holds more than {@code maxBytes}
     */
    public static byte[] read(InputStream in, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try (in) {
            int read;
            while ((read = in.read(chunk)) != -1) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(chunk, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the webhook body failed", e);
        }
        return out.toByteArray();
    }

    /** The refusal for a body whose declared length is over {@code maxBytes}. */
    public static RejectedWebhookException tooLarge(long maxBytes) {
        return new RejectedWebhookException(
                RejectedWebhookException.Reason.BODY_TOO_LARGE,
                "the body is larger than " + maxBytes + " bytes");
    }
}
