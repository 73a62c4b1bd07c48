package ink.ml.deploy.workflow.domain;

import io.temporal.activity.ActivityInterface;

/**
 * The cluster's side of a custom domain (queue {@code deployer-<region>}), on whichever execution
 * target the region runs: cert-manager and a Traefik Ingress on Kubernetes; the edge and an ACME
 * client on the Docker target. Every method is idempotent: applying converges, reading only reads,
 * removing what is gone succeeds.
 */
@ActivityInterface
public interface CustomDomainActivities {
    /**
     * Phase 1: asks for the domain's certificate (HTTP-01), without serving the domain over TLS
     * yet. Asking again while it is issuing, or once it is issued, changes nothing.
     */
    void requestCertificate(DomainResources resources);

    /** Where the domain's certificate stands, with the issuer's reason when it failed. */
    CertificateState certificateState(DomainResources resources);

    /**
     * Phase 2, once the certificate is {@link CertificatePhase#READY}: serve the domain over TLS.
     */
    void serveTls(DomainResources resources);

    /** Takes both phases' resources away (the route, the certificate and its key). */
    void removeDomain(DomainResources resources);
}
