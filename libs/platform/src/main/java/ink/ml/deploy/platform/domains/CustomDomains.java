package ink.ml.deploy.platform.domains;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.DomainVerificationRecords;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.VerificationToken;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.services.Service;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Custom domains of the caller's services: add (with the DNS records to create), list, remove; and,
 * for the worker that checks DNS and drives cert-manager, recording what it found.
 *
 * <p>A domain name belongs to at most one service on the whole platform (a unique index backs
 * this). Who holds a taken name is never revealed.
 */
@ApplicationScoped
public class CustomDomains {
    /** {@code custom_domains.last_check_error} and {@code cert_error} hold at most this much. */
    static final int MAX_ERROR = 1000;

    private static final String UNIQUE_DOMAIN = "custom_domains_domain_key";

    private final EntityManager entityManager;

    private final VerificationRateLimits rateLimits = VerificationRateLimits.STANDARD;

    /**
     * Where services run: every cluster's zones are names nobody may claim, and a domain points at
     * the CNAME zone of its service's own region.
     */
    private final Clusters clusters;

    /** Special-use names accepted where the CA and DNS are a test's own; none in production. */
    private final Set<String> testingTlds;

    public CustomDomains(
            EntityManager entityManager, Clusters clusters, CustomDomainNamesConfig names) {
        this.entityManager = entityManager;
        this.clusters = clusters;
        this.testingTlds = names.testingTlds().orElse(Set.of());
    }

    /** How long an unverified claim holds a name against others. */
    public static final Duration UNVERIFIED_CLAIM_LIFETIME = Duration.ofDays(7);

    /**
     * Claims {@code domain} for one of the caller's live services. The view carries the TXT and
     * CNAME records the user must create; nothing is served until a check finds both. Each claim
     * gets its own fresh token (128 random bits), so a record published for an earlier claim of the
     * same name proves nothing for this one.
     */
    @Transactional
    public CustomDomainView add(Caller caller, String serviceId, String domain) {
        UUID id = Ids.parse("serviceId", serviceId);
        CustomDomain name = CustomDomain.parse(domain, clusters.platformZones(), testingTlds);
        OwnedService owner = liveService(caller, id);
        releaseAbandonedClaim(name);
        refuseHeld(caller, name);
        VerificationToken token = VerificationToken.generate();
        CustomDomainRecord row = new CustomDomainRecord();
        row.id = Ids.random();
        row.serviceId = owner.service().id;
        row.domain = name.value();
        row.verificationToken = token.value();
        row.certStatus = CertStatus.PENDING_VERIFICATION;
        row.createdAt = Timestamps.now();
        try {
            row.persistAndFlush();
        } catch (PersistenceException e) {
            // Someone claimed the same name between the check and the insert.
            if (violates(e, UNIQUE_DOMAIN)) {
                throw inUse(name);
            }
            throw e;
        }
        return CustomDomainView.of(
                row,
                DomainVerificationRecords.forService(
                        name, token, owner.cluster(clusters), owner.ref()));
    }

    /**
     * A name is unique before anyone proves they own it, so without this anyone could squat a
     * domain forever by adding it and never verifying. A claim whose DNS records were never both
     * found within {@link #UNVERIFIED_CLAIM_LIFETIME} is released when someone else asks for the
     * name.
     */
    private void releaseAbandonedClaim(CustomDomain name) {
        CustomDomainRecord.delete(
                "domain = ?1 and (txtVerifiedAt is null or cnameVerifiedAt is null)"
                        + " and createdAt < ?2",
                name.value(),
                Timestamps.now().minus(UNVERIFIED_CLAIM_LIFETIME));
    }

    /**
     * Refuses a name someone already holds. A name verified by another user is theirs until they
     * remove it; an unverified claim holds it only as long as the release rule above allows. Whose
     * it is is never said.
     */
    private void refuseHeld(Caller caller, CustomDomain name) {
        Optional<Object[]> held =
                entityManager
                        .createQuery(
                                "select d, p.userId from CustomDomainRecord d, Service s, Project p"
                                        + " where s.id = d.serviceId and p.id = s.projectId"
                                        + " and d.domain = :domain",
                                Object[].class)
                        .setParameter("domain", name.value())
                        .getResultStream()
                        .findFirst();
        if (held.isEmpty()) {
            return;
        }
        CustomDomainRecord row = (CustomDomainRecord) held.get()[0];
        if (caller.id().equals(held.get()[1])) {
            throw new ConflictException(
                    "domain",
                    name.value()
                            + " is already added to one of your services; remove it there"
                            + " first to move it");
        }
        if (row.isVerified()) {
            throw new ConflictException(
                    "domain",
                    name.value()
                            + " is already verified by another account; it can be added only"
                            + " after they remove it");
        }
        throw inUse(name);
    }

    @Transactional
    public CustomDomainView get(Caller caller, String domainId) {
        UUID id = Ids.parse("domainId", domainId);
        CustomDomainRecord row = owned(caller, id);
        return view(row, serviceOf(row));
    }

    /** The domains of one of the caller's live services, oldest first. */
    @Transactional
    public Page<CustomDomainView> list(Caller caller, String serviceId, PageRequest page) {
        OwnedService owner = liveService(caller, Ids.parse("serviceId", serviceId));
        List<CustomDomainRecord> rows =
                Keyset.rows(
                        CustomDomainRecord.getEntityManager(),
                        CustomDomainRecord.class,
                        "e.serviceId = :service",
                        Map.of("service", owner.service().id),
                        page,
                        Keyset.Order.OLDEST_FIRST);
        return Page.of(rows, page, CustomDomainRecord::cursor, row -> view(row, owner));
    }

    /**
     * Releases a domain of one of the caller's services; the name can then be claimed again. Works
     * for a deleted service's domains too, so a name is never stuck with a service that is gone.
     * Returns where it was served from, since the row that said so is gone: taking its resources
     * off the cluster is the caller's to start (in the same transaction, so that a failed start
     * keeps the row).
     */
    @Transactional
    public DomainPlacement remove(Caller caller, String domainId) {
        CustomDomainRecord row = owned(caller, Ids.parse("domainId", domainId));
        DomainPlacement placement = placement(row, serviceOf(row));
        row.delete();
        return placement;
    }

    /**
     * System side (the domain workflow): where a domain is served from, or empty when it was
     * removed or its service deleted, so there is nothing to look after any more.
     */
    @Transactional
    public Optional<DomainPlacement> placement(UUID domainId) {
        CustomDomainRecord row = CustomDomainRecord.findById(domainId);
        if (row == null) {
            return Optional.empty();
        }
        OwnedService owner = serviceOf(row);
        if (owner.service().deletedAt != null) {
            return Optional.empty();
        }
        return Optional.of(placement(row, owner));
    }

    /**
     * System side (the scheduled re-check): an active domain's records are no longer found. The
     * first time is kept when flagged again.
     */
    @Transactional
    public CustomDomainView flagRecordsMissing(UUID domainId, Instant since, Instant detachAfter) {
        if (since == null || detachAfter == null || detachAfter.isBefore(since)) {
            throw new InvalidValueException(
                    "detachAfter", "a flag needs a start and a detach time no earlier");
        }
        CustomDomainRecord row = find(domainId);
        if (row.recordsMissingSince == null) {
            row.recordsMissingSince = since;
            row.detachAfter = detachAfter;
        }
        return view(row, serviceOf(row));
    }

    /** System side: the flagged domain's records are back. */
    @Transactional
    public CustomDomainView clearRecordsMissing(UUID domainId) {
        CustomDomainRecord row = find(domainId);
        row.recordsMissingSince = null;
        row.detachAfter = null;
        return view(row, serviceOf(row));
    }

    /**
     * System side: the domain was taken off its cluster because its records stayed away. It stays
     * the owner's, waiting for verification again, with the reason as its certificate error.
     */
    @Transactional
    public CustomDomainView detach(UUID domainId, String reason) {
        CustomDomainRecord row = find(domainId);
        row.recordsMissingSince = null;
        row.detachAfter = null;
        row.certStatus = CertStatus.PENDING_VERIFICATION;
        row.certError = errorText(Optional.ofNullable(reason));
        return view(row, serviceOf(row));
    }

    /**
     * System side (deleting a service, once its workload and with it the domains' cluster resources
     * are gone): releases every domain of the service, so their names can be claimed again.
     */
    @Transactional
    public long releaseServiceDomains(UUID serviceId) {
        return CustomDomainRecord.delete("serviceId", serviceId);
    }

    /**
     * The domains of several of the caller's services at once (for batched GraphQL fields), oldest
     * first per service, in one query. Services that are not the caller's are absent.
     */
    @Transactional
    public Map<UUID, List<CustomDomainView>> listByServices(
            Caller caller, Collection<UUID> serviceIds) {
        List<UUID> ids = serviceIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows =
                entityManager
                        .createQuery(
                                "select d, s, p from CustomDomainRecord d, Service s, Project p"
                                        + " where s.id = d.serviceId and p.id = s.projectId"
                                        + " and s.id in :ids and p.userId = :user"
                                        + " order by d.createdAt, d.id",
                                Object[].class)
                        .setParameter("ids", ids)
                        .setParameter("user", caller.id())
                        .getResultList();
        Map<UUID, List<CustomDomainView>> byService = new LinkedHashMap<>();
        for (Object[] row : rows) {
            CustomDomainRecord domain = (CustomDomainRecord) row[0];
            OwnedService owner = new OwnedService((Service) row[1], (Project) row[2]);
            byService
                    .computeIfAbsent(domain.serviceId, id -> new ArrayList<>())
                    .add(view(domain, owner));
        }
        return byService;
    }

    /**
     * The owner asks for their domain's records to be checked. The request is recorded (the domain
     * workflow answers it) and counted against {@link VerificationRateLimits}; the view shows the
     * records' statuses as the last check left them.
     */
    @Transactional
    public CustomDomainView requestVerification(Caller caller, String domainId) {
        CustomDomainRecord row = owned(caller, Ids.parse("domainId", domainId));
        OwnedService owner = serviceOf(row);
        if (owner.service().deletedAt != null) {
            throw new NotFoundException("service", owner.service().id.toString());
        }
        // Serialises one user's requests, so two at once cannot both take the last free slot.
        entityManager
                .createNativeQuery("select id from users where id = ?1 for update")
                .setParameter(1, caller.id())
                .getResultList();
        Instant now = rateLimits.now();
        Instant since = rateLimits.windowStart(now);
        rateLimits.requireAllowed(
                row.domain,
                attemptTimes("user_id", caller.id(), since),
                attemptTimes("domain", row.domain, since),
                now);
        entityManager
                .createNativeQuery(
                        "delete from custom_domain_verification_attempts"
                                + " where user_id = ?1 and attempted_at <= ?2")
                .setParameter(1, caller.id())
                .setParameter(2, since)
                .executeUpdate();
        entityManager
                .createNativeQuery(
                        "insert into custom_domain_verification_attempts"
                                + " (id, user_id, domain, attempted_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, Ids.random())
                .setParameter(2, caller.id())
                .setParameter(3, row.domain)
                .setParameter(4, now)
                .executeUpdate();
        row.verificationRequestedAt = now;
        return view(row, owner);
    }

    private List<Instant> attemptTimes(String column, String value, Instant since) {
        List<?> times =
                entityManager
                        .createNativeQuery(
                                "select attempted_at from custom_domain_verification_attempts"
                                        + " where "
                                        + column
                                        + " = ?1 and attempted_at > ?2",
                                Instant.class)
                        .setParameter(1, value)
                        .setParameter(2, since)
                        .getResultList();
        return times.stream().map(Instant.class::cast).toList();
    }

    /**
     * System side (the worker's DNS check): what the last check found. A record that checks out
     * keeps the time it was first seen; one that no longer does loses it. Without the found values:
     * a record that failed is missing, or an error when the check reported one.
     */
    @Transactional
    public CustomDomainView recordVerification(
            UUID domainId, boolean txtOk, boolean cnameOk, Optional<String> error) {
        boolean failed = error != null && error.filter(e -> !e.isBlank()).isPresent();
        return recordVerification(
                domainId, outcome(txtOk, failed), outcome(cnameOk, failed), error);
    }

    private static RecordCheck outcome(boolean ok, boolean failed) {
        if (ok) {
            return new RecordCheck(RecordStatus.OK, Optional.empty());
        }
        return failed ? RecordCheck.error() : RecordCheck.missing();
    }

    /**
     * System side (the worker's DNS check): each record's outcome and what was found, and the error
     * in plain words.
     */
    @Transactional
    public CustomDomainView recordVerification(
            UUID domainId, RecordCheck txt, RecordCheck cname, Optional<String> error) {
        if (txt == null || cname == null) {
            throw new InvalidValueException("check", "both records' outcomes are needed");
        }
        CustomDomainRecord row = find(domainId);
        Instant now = Timestamps.now();
        row.lastCheckedAt = now;
        row.txtVerifiedAt = txt.ok() ? firstSeen(row.txtVerifiedAt, now) : null;
        row.cnameVerifiedAt = cname.ok() ? firstSeen(row.cnameVerifiedAt, now) : null;
        row.txtCheck = txt.status().value();
        row.txtFound = errorText(txt.found());
        row.cnameCheck = cname.status().value();
        row.cnameFound = errorText(cname.found());
        row.lastCheckError = errorText(error);
        return view(row, serviceOf(row));
    }

    /**
     * System side (the certificate workflow): where the certificate stands. A certificate is only
     * issuing or ready for a domain whose TXT and CNAME records have been verified.
     */
    @Transactional
    public CustomDomainView recordCertificateStatus(
            UUID domainId, CertStatus status, Optional<String> error) {
        if (status == null) {
            throw new InvalidValueException("certStatus", "must not be empty");
        }
        CustomDomainRecord row = find(domainId);
        if (!status.allowedUnverified() && !row.isVerified()) {
            throw new ConflictException(
                    "certStatus",
                    row.domain
                            + " is not verified yet: its certificate cannot be "
                            + status.value());
        }
        row.certStatus = status;
        row.certError = errorText(error);
        return view(row, serviceOf(row));
    }

    private CustomDomainRecord find(UUID domainId) {
        CustomDomainRecord row = CustomDomainRecord.findById(domainId);
        if (row == null) {
            throw new NotFoundException("domain", String.valueOf(domainId));
        }
        return row;
    }

    /** A domain of any of the caller's services, live or deleted. */
    private CustomDomainRecord owned(Caller caller, UUID domainId) {
        return entityManager
                .createQuery(
                        "select d from CustomDomainRecord d, Service s, Project p"
                                + " where s.id = d.serviceId and p.id = s.projectId"
                                + " and d.id = :id and p.userId = :user",
                        CustomDomainRecord.class)
                .setParameter("id", domainId)
                .setParameter("user", caller.id())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("domain", domainId.toString()));
    }

    /**
     * One of the caller's live services with its project. A small query of its own rather than a
     * call into the services bean: ownership is all that is needed here.
     */
    private OwnedService liveService(Caller caller, UUID serviceId) {
        return entityManager
                .createQuery(
                        "select s, p from Service s, Project p where p.id = s.projectId"
                                + " and s.id = :id and p.userId = :user and s.deletedAt is null",
                        Object[].class)
                .setParameter("id", serviceId)
                .setParameter("user", caller.id())
                .getResultStream()
                .findFirst()
                .map(row -> new OwnedService((Service) row[0], (Project) row[1]))
                .orElseThrow(() -> new NotFoundException("service", serviceId.toString()));
    }

    private OwnedService serviceOf(CustomDomainRecord row) {
        Service service = Service.findById(row.serviceId);
        Project project = Project.findById(service.projectId);
        return new OwnedService(service, project);
    }

    private CustomDomainView view(CustomDomainRecord row, OwnedService owner) {
        return CustomDomainView.of(
                row,
                DomainVerificationRecords.forService(
                        new CustomDomain(row.domain),
                        new VerificationToken(row.verificationToken),
                        owner.cluster(clusters),
                        owner.ref()));
    }

    private DomainPlacement placement(CustomDomainRecord row, OwnedService owner) {
        return new DomainPlacement(
                row.id,
                DomainVerificationRecords.forService(
                        new CustomDomain(row.domain),
                        new VerificationToken(row.verificationToken),
                        owner.cluster(clusters),
                        owner.ref()),
                owner.ref(),
                Region.of(owner.project().region),
                owner.service().port,
                row.certStatus,
                Optional.ofNullable(row.recordsMissingSince));
    }

    private static Instant firstSeen(Instant before, Instant now) {
        return before == null ? now : before;
    }

    /**
     * Error texts and found values come from DNS and ACME answers: kept, but never longer than the
     * column.
     */
    private static String errorText(Optional<String> error) {
        if (error == null || error.isEmpty() || error.get().isBlank()) {
            return null;
        }
        String text = error.get().strip();
        if (text.codePointCount(0, text.length()) <= MAX_ERROR) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_ERROR - 1)) + "…";
    }

    private static ConflictException inUse(CustomDomain name) {
        return new ConflictException("domain", name.value() + " is already in use");
    }

    private record OwnedService(Service service, Project project) {
        ServiceRef ref() {
            return ServiceRef.of(project.userId, project.name, service.name);
        }

        /** The cluster of the project's region, whose CNAME zone the domain points into. */
        Cluster cluster(Clusters clusters) {
            return clusters.of(Region.of(project.region));
        }
    }
}
