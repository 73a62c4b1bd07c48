package ink.ml.deploy.workflow.domain;

import ink.ml.deploy.workflow.WireEnum;

/**
 * A custom domain's certificate as its cluster reports it.
 *
 * @param phase where it stands
 * @param reason the issuer's own words where it gave some (the Certificate's, Order's or
 *     Challenge's status message on Kubernetes; the ACME server's problem detail on the Docker
 *     target), else what was seen; empty when there is nothing to say
 * @param retryable for {@link CertificatePhase#FAILED}: whether asking again, within the workflow's
 *     bounded wait, can succeed (a timeout, an unreachable CA, a validation that could not connect
 *     or resolve while a record propagates or the edge starts, an errored order), or never without
 *     the user changing something (a rejected name, a CAA record, a wrong answer to the challenge,
 *     a rate limit whose window is hours)
 */
public record CertificateState(@WireEnum CertificatePhase phase, String reason, boolean retryable) {
    public static CertificateState of(CertificatePhase phase) {
        return new CertificateState(phase, "", false);
    }

    public static CertificateState failed(String reason, boolean retryable) {
        return new CertificateState(CertificatePhase.FAILED, reason, retryable);
    }
}
