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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Where services run: every cluster's zones are names nobody may claim, and a domain points at
     * the CNAME zone of its service's own region.
     */
    private final Clusters clusters;

    public CustomDomains(EntityManager entityManager, Clusters clusters) {
        this.entityManager = entityManager;
        this.clusters = clusters;
    }

    /**
     * Claims {@code domain} for one of the caller's live services. The view carries the TXT and
     * CNAME records the user must create; nothing is served until a check finds both.
     */
    /** How long an unverified claim holds a name against others. */
    public static final Duration UNVERIFIED_CLAIM_LIFETIME = Duration.ofDays(7);

    @Transactional
    public CustomDomainView add(Caller caller, String serviceId, String domain) {
        UUID id = Ids.parse("serviceId", serviceId);
        CustomDomain name = CustomDomain.parse(domain, clusters.platformZones());
        OwnedService owner = liveService(caller, id);
        releaseAbandonedClaim(name);
        if (CustomDomainRecord.count("domain", name.value()) > 0) {
            throw inUse(name);
        }
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
     * Removing the cluster resources is the domain workflow's job.
     */
    @Transactional
    public void remove(Caller caller, String domainId) {
        owned(caller, Ids.parse("domainId", domainId)).delete();
    }

    /**
     * System side (the worker's DNS check): what the last check found. A record that checks out
     * keeps the time it was first seen; one that no longer does loses it.
     */
    @Transactional
    public CustomDomainView recordVerification(
            UUID domainId, boolean txtOk, boolean cnameOk, Optional<String> error) {
        CustomDomainRecord row = find(domainId);
        Instant now = Timestamps.now();
        row.lastCheckedAt = now;
        row.txtVerifiedAt = txtOk ? firstSeen(row.txtVerifiedAt, now) : null;
        row.cnameVerifiedAt = cnameOk ? firstSeen(row.cnameVerifiedAt, now) : null;
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

    private static Instant firstSeen(Instant before, Instant now) {
        return before == null ? now : before;
    }

    /** Error texts come from DNS and ACME answers: kept, but never longer than the column. */
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
