package ink.ml.deploy.workflow.domain;

import io.temporal.activity.ActivityInterface;

/**
 * The product plane's side of a custom domain (queue {@code default}): its row, its DNS check and
 * what the {@link CustomDomainWorkflow} learns about it. Implemented by the worker over
 * libs/platform. Every method is idempotent. A domain whose row is gone (removed, or released with
 * its service) is an answer, never a failure: the workflow then ends.
 */
@ActivityInterface
public interface CustomDomainRecordActivities {
    /**
     * What the workflow needs to look after the domain, read once per run: whether it is still
     * attached to a live service, what names its resources, how far it has come, and the timings
     * (from the worker's configuration, so the workflow itself reads none).
     */
    LoadedDomain load(CustomDomainRequest request);

    /**
     * Reads the domain's TXT and CNAME records from the DNS and records, per record, what was
     * expected, what was found and its status, with the error in plain words.
     */
    RecordsOutcome checkRecords(CustomDomainRequest request);

    /** Records where the certificate stands. False when the domain is gone. */
    boolean recordCertificate(CertificateRecord record);

    /**
     * Flags a domain whose records are no longer found, with when that was first seen and when it
     * will be detached. False when the domain is gone.
     */
    boolean flagRecordsMissing(RecordsMissing missing);

    /** The records are back: the flag goes. False when the domain is gone. */
    boolean clearRecordsMissing(CustomDomainRequest request);

    /**
     * The domain was detached from its cluster (its records stayed away past the grace period): its
     * certificate goes back to waiting for verification, with the reason as its error. False when
     * the domain is gone.
     */
    boolean detach(DetachedDomain detached);
}
