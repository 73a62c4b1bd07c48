package ink.ml.deploy.worker.domain;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateRecord;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CertificateStatus;
import ink.ml.deploy.workflow.domain.CustomDomainActivities;
import ink.ml.deploy.workflow.domain.CustomDomainRecordActivities;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.CustomDomainWorkflow;
import ink.ml.deploy.workflow.domain.DetachedDomain;
import ink.ml.deploy.workflow.domain.DomainResources;
import ink.ml.deploy.workflow.domain.DomainTimings;
import ink.ml.deploy.workflow.domain.LoadedDomain;
import ink.ml.deploy.workflow.domain.RecordsMissing;
import ink.ml.deploy.workflow.domain.RecordsOutcome;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One custom domain's life: records, certificate, TLS route, then a watch over its records.
 *
 * <ol>
 *   <li>The records are checked with backoff ({@code dnsCheckFirst} doubling to {@code
 *       dnsCheckMax}) for up to {@code dnsWait}; the owner's {@link #verifyNow} checks at once. Not
 *       verified by then: the run ends, the last check's findings on the row; verifying again
 *       starts a new run.
 *   <li>Verified: ISSUING, phase 1 (the certificate), and its state is polled with backoff for up
 *       to {@code certificateWait}. A refusal that asking again cannot change ends in FAILED with
 *       the issuer's reason; anything else is asked again within the bound; the bound ends in
 *       FAILED with the last reason seen.
 *   <li>READY: phase 2 (the TLS route), then READY on the row: active.
 *   <li>Every {@code recheckInterval} (or at once on {@link #verifyNow}) the records are checked
 *       again: gone, the domain is flagged; back, the flag goes; gone for longer than {@code
 *       detachGrace}, the domain is taken off its cluster and waits for verification again. After
 *       {@code rechecksPerRun} rechecks the run continues as new.
 * </ol>
 *
 * A domain whose row is gone (removed, or its service deleted) ends the run; if the cluster was
 * asked for anything the run takes it away again, so a call still in flight when the domain was
 * removed cannot leave a route behind. So does a cancelled run.
 */
public class CustomDomainWorkflowImpl implements CustomDomainWorkflow {
    private final CustomDomainRecordActivities records =
            Workflow.newActivityStub(
                    CustomDomainRecordActivities.class, DomainActivityOptions.records());

    private boolean verifyRequested;
    private CustomDomainActivities cluster;
    private CustomDomainActivities clusterRemoval;
    private boolean clusterAsked;

    @Override
    public void verifyNow() {
        verifyRequested = true;
    }

    @Override
    public void run(CustomDomainRequest request) {
        LoadedDomain domain = records.load(request);
        if (!domain.exists()) {
            return;
        }
        DomainResources resources = domain.resources();
        String queue = TaskQueues.deployer(Region.of(resources.region()));
        cluster =
                Workflow.newActivityStub(
                        CustomDomainActivities.class, DomainActivityOptions.cluster(queue));
        clusterRemoval =
                Workflow.newActivityStub(
                        CustomDomainActivities.class, DomainActivityOptions.removal(queue));
        try {
            if (!domain.active()) {
                if (!awaitRecords(request, domain.timings())) {
                    return;
                }
                if (!issue(request, resources, domain.timings())) {
                    return;
                }
            }
            if (watch(request, resources, domain.recordsMissingSince(), domain.timings())) {
                Workflow.continueAsNew(request);
            }
        } catch (CanceledFailure e) {
            if (clusterAsked) {
                Workflow.newDetachedCancellationScope(() -> clusterRemoval.removeDomain(resources))
                        .run();
            }
            throw e;
        }
    }

    /** Checks the records until both are in place (true), or the wait ends or the row is gone. */
    private boolean awaitRecords(CustomDomainRequest request, DomainTimings timings) {
        Instant deadline = now().plus(timings.dnsWait());
        Duration pause = timings.dnsCheckFirst();
        while (true) {
            verifyRequested = false;
            RecordsOutcome outcome = records.checkRecords(request);
            if (outcome == RecordsOutcome.VERIFIED) {
                return true;
            }
            if (outcome == RecordsOutcome.DOMAIN_GONE) {
                return false;
            }
            Duration left = Duration.between(now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            Workflow.await(shorter(pause, left), () -> verifyRequested);
            pause = shorter(pause.multipliedBy(2), timings.dnsCheckMax());
        }
    }

    /** Phases 1 and 2; true once the domain is served over TLS and recorded READY. */
    private boolean issue(
            CustomDomainRequest request, DomainResources resources, DomainTimings timings) {
        if (!recordCertificate(request, CertificateStatus.ISSUING, "")) {
            return false;
        }
        Optional<String> refusal;
        try {
            refusal = certificateServed(resources, timings);
        } catch (ActivityFailure e) {
            refusal =
                    Optional.of(
                            "the cluster of region "
                                    + resources.region()
                                    + " did not answer for the certificate: "
                                    + rootMessage(e));
        }
        if (refusal.isPresent()) {
            return failed(request, resources, refusal.get());
        }
        boolean recorded;
        try {
            recorded = recordCertificate(request, CertificateStatus.READY, "");
        } catch (ActivityFailure e) {
            // The product plane refuses READY for a domain no longer verified (its records went
            // meanwhile): the domain is not served, and the row says why.
            clusterRemoval.removeDomain(resources);
            return failed(
                    request, resources, "the certificate was not recorded: " + rootMessage(e));
        }
        return recorded || removedMeanwhile(resources);
    }

    /**
     * Asks the cluster for the certificate and polls it until it is issued, then has it served over
     * TLS (empty); or why there is none: the issuer's final refusal, or the bound ran out.
     */
    private Optional<String> certificateServed(DomainResources resources, DomainTimings timings) {
        Instant deadline = now().plus(timings.certificateWait());
        Duration pause = timings.certificatePollFirst();
        String lastReason = "";
        askForCertificate(resources);
        while (true) {
            Duration left = Duration.between(now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Optional.of(
                        "the certificate was not issued within "
                                + PlainDurations.of(timings.certificateWait())
                                + (lastReason.isBlank() ? "" : ": " + lastReason));
            }
            // Read at once first: where the request itself waits for the issuer (the Docker
            // target's ACME client), the certificate is already there.
            CertificateState state = cluster.certificateState(resources);
            if (state.phase() == CertificatePhase.READY) {
                clusterAsked = true;
                cluster.serveTls(resources);
                return Optional.empty();
            }
            if (!state.reason().isBlank()) {
                lastReason = state.reason();
            }
            if (state.phase() == CertificatePhase.FAILED && !state.retryable()) {
                return Optional.of(state.reason());
            }
            Workflow.sleep(shorter(pause, left));
            pause = shorter(pause.multipliedBy(2), timings.certificatePollMax());
            if (state.phase() != CertificatePhase.ISSUING) {
                askForCertificate(resources);
            }
        }
    }

    private void askForCertificate(DomainResources resources) {
        clusterAsked = true;
        cluster.requestCertificate(resources);
    }

    private boolean failed(CustomDomainRequest request, DomainResources resources, String reason) {
        if (!recordCertificate(request, CertificateStatus.FAILED, reason)) {
            removedMeanwhile(resources);
        }
        return false;
    }

    /** The row went while the cluster was being asked: take back what it was asked for. */
    private boolean removedMeanwhile(DomainResources resources) {
        clusterRemoval.removeDomain(resources);
        return false;
    }

    /**
     * Rechecks the records on a schedule; true when the run should continue as new, false when it
     * ends (the row is gone, or the domain was detached).
     */
    private boolean watch(
            CustomDomainRequest request,
            DomainResources resources,
            Instant missingSince,
            DomainTimings timings) {
        Instant flagged = missingSince;
        for (int recheck = 0; recheck < timings.rechecksPerRun(); recheck++) {
            verifyRequested = false;
            Workflow.await(timings.recheckInterval(), () -> verifyRequested);
            RecordsOutcome outcome = records.checkRecords(request);
            switch (outcome) {
                case DOMAIN_GONE -> {
                    return false;
                }
                case VERIFIED -> {
                    if (flagged != null) {
                        flagged = null;
                        if (!records.clearRecordsMissing(request)) {
                            return false;
                        }
                    }
                    if (!renew(request, resources)) {
                        return false;
                    }
                }
                case NOT_FOUND -> {
                    Instant now = now();
                    if (flagged == null) {
                        flagged = now;
                        if (!records.flagRecordsMissing(
                                new RecordsMissing(
                                        request.domainId(),
                                        now,
                                        now.plus(timings.detachGrace())))) {
                            return false;
                        }
                    } else if (!now.isBefore(flagged.plus(timings.detachGrace()))) {
                        clusterRemoval.removeDomain(resources);
                        records.detach(
                                new DetachedDomain(
                                        request.domainId(),
                                        "detached: its DNS records were not found since "
                                                + flagged
                                                + " (more than "
                                                + PlainDurations.of(timings.detachGrace())
                                                + "), so "
                                                + resources.domain()
                                                + " is no longer served; put the records back"
                                                + " and verify it again"));
                        return false;
                    }
                }
                case UNREADABLE -> {
                    // Says nothing about the records: neither flag nor clear.
                }
            }
        }
        return true;
    }

    /**
     * Keeps an active domain's certificate current: asked again, the cluster renews it when it is
     * due (cert-manager by itself; the Docker target's ACME client from its last third of life on)
     * and serves the renewed one. A renewal that leaves no valid certificate is recorded FAILED
     * with the issuer's reason, and READY again once one is back. False when the row is gone.
     */
    private boolean renew(CustomDomainRequest request, DomainResources resources) {
        CertificateState state;
        try {
            cluster.requestCertificate(resources);
            state = cluster.certificateState(resources);
            if (state.phase() == CertificatePhase.READY) {
                cluster.serveTls(resources);
            }
        } catch (ActivityFailure e) {
            // The cluster did not answer: what it serves stays; the next recheck asks again.
            return true;
        }
        if (state.phase() == CertificatePhase.READY) {
            return recordCertificate(request, CertificateStatus.READY, "");
        }
        if (state.phase() == CertificatePhase.FAILED) {
            return recordCertificate(
                    request, CertificateStatus.FAILED, "renewal failed: " + state.reason());
        }
        return true;
    }

    private boolean recordCertificate(
            CustomDomainRequest request, CertificateStatus status, String reason) {
        return records.recordCertificate(new CertificateRecord(request.domainId(), status, reason));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof io.temporal.failure.ApplicationFailure application
                ? application.getOriginalMessage()
                : cause.getMessage();
    }
}
