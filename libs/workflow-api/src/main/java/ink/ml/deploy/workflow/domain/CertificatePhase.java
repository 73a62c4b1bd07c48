package ink.ml.deploy.workflow.domain;

/** Where a custom domain's certificate stands in its cluster. */
public enum CertificatePhase {
    /** Nothing asked for (never, or lost, e.g. the edge's state after a restart): ask again. */
    NOT_REQUESTED,
    /** Asked for; the issuer is still working (challenge, order, download). */
    ISSUING,
    /** Issued and stored where the TLS route reads it. */
    READY,
    /** The issuer refused or gave up; see the reason. */
    FAILED
}
