package ink.ml.deploy.github;

/**
 * A webhook delivery refused before anything was started, with the reason and the HTTP status the
 * receiver answers with. The message is safe to return to the sender: it never holds the secret or
 * the body.
 */
public final class RejectedWebhookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a delivery was refused. */
    public enum Reason {
        /** No webhook secret is configured: nothing can be verified, so nothing is accepted. */
        NOT_CONFIGURED(503),
        BODY_TOO_LARGE(413),
        SIGNATURE_MISSING(401),
        SIGNATURE_INVALID(401),
        /** Signed, but not a delivery this receiver understands (headers or payload). */
        MALFORMED(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public RejectedWebhookException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return reason.httpStatus();
    }
}
