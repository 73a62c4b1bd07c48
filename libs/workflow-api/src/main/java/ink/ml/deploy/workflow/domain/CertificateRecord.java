package ink.ml.deploy.workflow.domain;

import ink.ml.deploy.workflow.WireEnum;

/**
 * A certificate status to record.
 *
 * @param reason in plain words, the issuer's own where it gave some; empty when there is none
 */
public record CertificateRecord(
        String domainId, @WireEnum CertificateStatus status, String reason) {}
