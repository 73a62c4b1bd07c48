package ink.ml.deploy.acme;

/** Whether trying the same issuance again later can succeed. */
public enum FailureKind {
    /**
     * Trying again will fail the same way until someone changes something: the CA refuses the name
     * or its CAA records forbid it, the HTTP-01 answer was wrong or missing, the account or the
     * request was refused, a rate limit was hit (whose window is far longer than a retry's), or the
     * ACME server's TLS certificate is not trusted (the trusted certificates are wrong).
     */
    PERMANENT,
    /**
     * The ACME server could not be reached, answered with an error of its own, asked to come back
     * later, or did not finish in time: the same issuance may succeed when retried.
     */
    TRANSIENT
}
