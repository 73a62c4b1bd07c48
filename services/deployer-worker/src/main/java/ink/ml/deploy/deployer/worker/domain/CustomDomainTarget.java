package ink.ml.deploy.deployer.worker.domain;

import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.workflow.domain.CertificateState;

/**
 * A custom domain's two phases on one execution target, chosen like the {@code ExecutionTarget}: by
 * the identifier {@code kubernetes} or {@code docker}. Every method is safe to retry.
 */
public interface CustomDomainTarget {

    /**
     * Phase 1: the certificate is asked for (HTTP-01); the domain is not served over TLS yet. Asked
     * again, an issued certificate is renewed when it is due (cert-manager does so by itself).
     */
    void requestCertificate(CustomDomainSpec domain);

    /** Where the certificate stands, with the issuer's own reason when it failed. */
    CertificateState certificateState(CustomDomainSpec domain);

    /** Phase 2: the domain is served over TLS with its issued certificate. */
    void serveTls(CustomDomainSpec domain);

    /** Both phases' resources are taken away; nothing when they are gone. */
    void remove(CustomDomainSpec domain);
}
