package ink.ml.deploy.graphql.api.domains;

import ink.ml.deploy.platform.domains.CertStatus;
import org.eclipse.microprofile.graphql.Description;

/** The schema's copy of libs/platform's {@code CertStatus} (same constants). */
@Description("Where a custom domain's TLS certificate stands.")
public enum CertificateStatus {
    @Description("Waiting for both DNS records; nothing is asked of the CA yet.")
    PENDING_VERIFICATION,
    @Description("Records verified; the certificate is being obtained.")
    ISSUING,
    @Description("Certificate issued; the domain serves HTTPS.")
    READY,
    @Description("The CA refused; certificateError says why.")
    FAILED;

    static CertificateStatus of(CertStatus status) {
        return valueOf(status.name());
    }
}
