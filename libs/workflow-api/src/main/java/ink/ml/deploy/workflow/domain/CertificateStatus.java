package ink.ml.deploy.workflow.domain;

/** Where a custom domain's certificate stands, as its row shows it ({@code cert_status}). */
public enum CertificateStatus {
    /** Waiting for the records; nothing asked of the issuer. */
    PENDING_VERIFICATION,
    /** Records verified; the cluster is obtaining the certificate. */
    ISSUING,
    /** Issued; the domain is served over TLS. */
    READY,
    /** Not issued: the reason says why. */
    FAILED
}
