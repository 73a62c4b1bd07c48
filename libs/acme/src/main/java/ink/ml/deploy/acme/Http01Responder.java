package ink.ml.deploy.acme;

/**
 * Serves the HTTP-01 answers (RFC 8555 §8.3) of the issuances in progress: while an answer is
 * published, {@code GET http://<domain>/.well-known/acme-challenge/<token>} on port 80 of the
 * domain's address must return the key authorization as the whole body ({@code text/plain} or
 * {@code application/octet-stream}). The edge in front of the apps serves them; the tests serve
 * them from a small HTTP server on the port Pebble connects to.
 *
 * <p>Called from the issuing thread, one token at a time; a token is withdrawn once the ACME server
 * has decided, whatever it decided. An exception from either method fails the issuance as
 * transient, with its message.
 */
public interface Http01Responder {

    /** From now on, answers {@code keyAuthorization} for {@code token}. */
    void publish(String token, String keyAuthorization);

    /** No longer answers for {@code token}; nothing when it was not published. */
    void withdraw(String token);
}
