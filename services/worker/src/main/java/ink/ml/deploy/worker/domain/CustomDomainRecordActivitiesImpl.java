package ink.ml.deploy.worker.domain;

import ink.ml.deploy.control.DomainResourcesMapping;
import ink.ml.deploy.dnscheck.DomainCheck;
import ink.ml.deploy.dnscheck.DomainRecordChecker;
import ink.ml.deploy.dnscheck.RecordStatus;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.domains.CertStatus;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.domains.DomainPlacement;
import ink.ml.deploy.platform.domains.RecordCheck;
import ink.ml.deploy.worker.deploy.RecordFailures;
import ink.ml.deploy.workflow.domain.CertificateRecord;
import ink.ml.deploy.workflow.domain.CustomDomainRecordActivities;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.DetachedDomain;
import ink.ml.deploy.workflow.domain.DomainTimings;
import ink.ml.deploy.workflow.domain.LoadedDomain;
import ink.ml.deploy.workflow.domain.RecordsMissing;
import ink.ml.deploy.workflow.domain.RecordsOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The custom domain workflow's product-plane side, over libs/platform and the DNS checker. */
@ApplicationScoped
public class CustomDomainRecordActivitiesImpl implements CustomDomainRecordActivities {
    private final CustomDomains domains;
    private final DomainRecordChecker checker;
    private final CustomDomainConfig config;

    public CustomDomainRecordActivitiesImpl(
            CustomDomains domains, DomainRecordChecker checker, CustomDomainConfig config) {
        this.domains = domains;
        this.checker = checker;
        this.config = config;
    }

    @Override
    public LoadedDomain load(CustomDomainRequest request) {
        DomainTimings timings = timings();
        return domains.placement(domainId(request.domainId()))
                .map(
                        placement ->
                                new LoadedDomain(
                                        true,
                                        DomainResourcesMapping.of(placement),
                                        placement.certStatus() == CertStatus.READY,
                                        placement.recordsMissingSince().orElse(null),
                                        timings))
                .orElseGet(() -> LoadedDomain.gone(timings));
    }

    @Override
    public RecordsOutcome checkRecords(CustomDomainRequest request) {
        UUID id = domainId(request.domainId());
        Optional<DomainPlacement> placement = domains.placement(id);
        if (placement.isEmpty()) {
            return RecordsOutcome.DOMAIN_GONE;
        }
        // DNS first, outside any transaction: it may take seconds.
        DomainCheck check = checker.check(placement.get().records());
        try {
            domains.recordVerification(
                    id, stored(check.txt()), stored(check.cname()), problems(check));
        } catch (NotFoundException e) {
            return RecordsOutcome.DOMAIN_GONE;
        }
        if (check.verified()) {
            return RecordsOutcome.VERIFIED;
        }
        boolean unreadable =
                check.txt().status() == RecordStatus.ERROR
                        || check.cname().status() == RecordStatus.ERROR;
        return unreadable ? RecordsOutcome.UNREADABLE : RecordsOutcome.NOT_FOUND;
    }

    @Override
    public boolean recordCertificate(CertificateRecord record) {
        CertStatus status = CertStatus.valueOf(record.status().name());
        try {
            return whileThere(
                    record.domainId(),
                    id -> domains.recordCertificateStatus(id, status, reason(record.reason())));
        } catch (ConflictException e) {
            // A certificate for a domain that is not verified: retrying cannot change that.
            throw RecordFailures.invalid(e);
        }
    }

    @Override
    public boolean flagRecordsMissing(RecordsMissing missing) {
        return whileThere(
                missing.domainId(),
                id -> domains.flagRecordsMissing(id, missing.since(), missing.detachAfter()));
    }

    @Override
    public boolean clearRecordsMissing(CustomDomainRequest request) {
        return whileThere(request.domainId(), domains::clearRecordsMissing);
    }

    @Override
    public boolean detach(DetachedDomain detached) {
        return whileThere(detached.domainId(), id -> domains.detach(id, detached.reason()));
    }

    private DomainTimings timings() {
        return new DomainTimings(
                config.dnsCheckFirst(),
                config.dnsCheckMax(),
                config.dnsWait(),
                config.certificatePollFirst(),
                config.certificatePollMax(),
                config.certificateWait(),
                config.recheckInterval(),
                config.detachGrace(),
                config.rechecksPerRun());
    }

    /** Runs a write on the domain's row; false when the row is gone. */
    private static boolean whileThere(String domainId, Consumer<UUID> write) {
        try {
            write.accept(domainId(domainId));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** A record's outcome as the product plane stores it: status and what was found. */
    private static RecordCheck stored(ink.ml.deploy.dnscheck.RecordCheck check) {
        String found = check.found().isEmpty() ? null : String.join(", ", check.found());
        return new RecordCheck(
                ink.ml.deploy.platform.domains.RecordStatus.valueOf(check.status().name()),
                Optional.ofNullable(found));
    }

    /** The messages of the records that are not in place, in plain words; none when both are. */
    private static Optional<String> problems(DomainCheck check) {
        List<String> messages =
                Stream.of(check.txt(), check.cname())
                        .filter(record -> !record.ok())
                        .map(ink.ml.deploy.dnscheck.RecordCheck::message)
                        .toList();
        return messages.isEmpty()
                ? Optional.empty()
                : Optional.of(messages.stream().collect(Collectors.joining("; ")));
    }

    private static Optional<String> reason(String reason) {
        return reason == null || reason.isBlank() ? Optional.empty() : Optional.of(reason);
    }

    private static UUID domainId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RecordFailures.invalid(e);
        }
    }
}
