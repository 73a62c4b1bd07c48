package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Deployments of the caller's services, as GraphQL and MCP ask for them: recording one (deploy,
 * redeploy, rollback), checking and asking for a cancellation, and reading deployments, their
 * events and build output. Every method takes a {@link Caller} and sees only the caller's own
 * services: anything else is "not found".
 *
 * <p>The deploy workflow's side (status moves, the image, events, build output, runtime states) is
 * {@link DeploymentRecords}, which trusts its caller and is for the worker's activities only.
 *
 * <p>The database has the last word on the invariants: at most one in-flight deployment per service
 * ({@code deployments_one_in_flight}) and at most one live one ({@code deployments_one_live}).
 */
@ApplicationScoped
public class Deployments {
    /** At most this many events or log lines per read. */
    public static final int MAX_READ_LIMIT = 1000;

    /** The event of a cancellation asked for through the APIs, before the deployment stops. */
    public static final String CANCELLATION_REQUESTED =
            "Cancellation requested: the running step is being stopped";

    /** The given services ({@code :ids}) that are the caller's ({@code :user}) and live. */
    private static final String OWNED_LIVE_SERVICES =
            "select s.id from services s join projects p on p.id = s.project_id"
                    + " where s.id = any(cast(:ids as uuid[])) and s.deleted_at is null"
                    + " and p.user_id = :user";

    private final EntityManager entityManager;
    private final Services services;
    private final DeploymentWriter writer;

    public Deployments(
            EntityManager entityManager,
            SecretBox secretBox,
            Services services,
            Variables variables) {
        this.entityManager = entityManager;
        this.services = services;
        this.writer = new DeploymentWriter(secretBox, variables);
    }

    // ---- recording -------------------------------------------------------------------------

    /**
     * Records a new deployment of one of the caller's live services: status {@code queued}, the
     * service's configuration and variables as they are now. Refused with a {@link
     * ConflictException} on {@code serviceId} while another deployment of the service is in flight
     * (the database decides between concurrent requests).
     */
    @Transactional
    public DeploymentView record(Caller caller, NewDeployment request) {
        Service service = services.owned(caller, request.serviceId());
        return DeploymentView.of(writer.recordFor(service, request));
    }

    /**
     * A new deployment that puts an earlier one's image back, with that deployment's commit,
     * configuration and variables: no build. Refused when the earlier deployment is not a {@link
     * RollbackTargets rollback target}, and while another deployment of the service is in flight.
     */
    @Transactional
    public DeploymentView rollback(Caller caller, String deploymentId) {
        Deployment earlier = rollbackTargetOf(caller, Ids.parse("deploymentId", deploymentId));
        Service service = services.owned(caller, earlier.serviceId);
        return DeploymentView.of(
                writer.insert(
                        service,
                        DeploymentTrigger.ROLLBACK,
                        earlier.commitSha,
                        earlier.imageRef,
                        earlier.id,
                        earlier.configSnapshot,
                        writer.openEnv(earlier)));
    }

    /**
     * The earlier deployment a rollback would put back, checked as {@link #rollback} checks it (the
     * caller's, of a live service, a {@link RollbackTargets rollback target}) without recording
     * anything: lets an adapter refuse a rollback before it stops the deployment in flight.
     */
    @Transactional
    public DeploymentView rollbackTarget(Caller caller, String deploymentId) {
        return DeploymentView.of(rollbackTargetOf(caller, Ids.parse("deploymentId", deploymentId)));
    }

    private Deployment rollbackTargetOf(Caller caller, UUID earlierId) {
        Deployment earlier = ownedDeployment(caller, earlierId);
        services.owned(caller, earlier.serviceId);
        RollbackTargets.requireTarget(earlier);
        return earlier;
    }

    /**
     * A new deployment that builds an earlier one's commit again with that deployment's
     * configuration and variables (a redeploy: same inputs, fresh build; the build reuses the image
     * when the registry still has it). Refused while another deployment of the service is in
     * flight.
     */
    @Transactional
    public DeploymentView redeploy(Caller caller, String deploymentId) {
        UUID earlierId = Ids.parse("deploymentId", deploymentId);
        Deployment earlier = ownedDeployment(caller, earlierId);
        Service service = services.owned(caller, earlier.serviceId);
        return DeploymentView.of(
                writer.insert(
                        service,
                        DeploymentTrigger.API,
                        earlier.commitSha,
                        null,
                        null,
                        earlier.configSnapshot,
                        writer.openEnv(earlier)));
    }

    /**
     * The caller's deployment, if it can be cancelled: still queued, building or deploying. Records
     * nothing: the cancellation itself is the deploy workflow's (it stops the running step and
     * marks the deployment cancelled).
     */
    @Transactional
    public DeploymentView cancellable(Caller caller, String deploymentId) {
        Deployment deployment = ownedDeployment(caller, Ids.parse("deploymentId", deploymentId));
        if (!deployment.status().isInFlight()) {
            throw new ConflictException(
                    "deploymentId",
                    "deployment "
                            + deployment.id
                            + " is already "
                            + deployment.status
                            + "; only a queued, building or deploying deployment can be"
                            + " cancelled");
        }
        return DeploymentView.of(deployment);
    }

    /**
     * Checks the caller's deployment as {@link #cancellable} does and appends the event that its
     * cancellation was requested, with the row locked so that it cannot end between the check and
     * the event. Its status stays as it is: the deploy workflow marks it cancelled once the running
     * step has stopped.
     */
    @Transactional
    public DeploymentView recordCancellationRequest(Caller caller, String deploymentId) {
        UUID id = Ids.parse("deploymentId", deploymentId);
        // Locked before it is read, so the status checked is the one the event follows.
        if (entityManager.find(Deployment.class, id, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new NotFoundException("deployment", deploymentId);
        }
        DeploymentView deployment = cancellable(caller, deploymentId);
        writer.appendEvent(id, DeploymentStep.CANCEL, EventStatus.STARTED, CANCELLATION_REQUESTED);
        return deployment;
    }

    // ---- reads -------------------------------------------------------------------------------

    @Transactional
    public DeploymentView get(Caller caller, String deploymentId) {
        return DeploymentView.of(ownedDeployment(caller, Ids.parse("deploymentId", deploymentId)));
    }

    /**
     * One deployment of the caller's service. Another user's deployment is "not found"; the
     * caller's own deployment of another service is refused, naming {@code deploymentId}.
     */
    @Transactional
    public DeploymentView ofService(Caller caller, String serviceId, String deploymentId) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        Deployment deployment = ownedDeployment(caller, Ids.parse("deploymentId", deploymentId));
        if (!deployment.serviceId.equals(service.id)) {
            throw new InvalidValueException(
                    "deploymentId",
                    "deployment " + deploymentId + " is not a deployment of service " + serviceId);
        }
        return DeploymentView.of(deployment);
    }

    /**
     * A live service's deployments, newest first (created_at desc, id desc); a page never shifts
     * when new deployments are recorded, because they sort before every cursor already handed out.
     */
    @Transactional
    public Page<DeploymentView> list(Caller caller, String serviceId, PageRequest page) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        List<Deployment> rows =
                Keyset.rows(
                        Deployment.getEntityManager(),
                        Deployment.class,
                        "e.serviceId = :service",
                        Map.of("service", service.id),
                        page,
                        Keyset.Order.NEWEST_FIRST);
        return Page.of(rows, page, Deployment::cursor, DeploymentView::of);
    }

    /**
     * One page of deployments of each of the given services, newest first, in one query (for
     * batched GraphQL fields). Services that are not the caller's live ones are absent from the
     * map.
     */
    @Transactional
    public Map<UUID, Page<DeploymentView>> listByServices(
            Caller caller, Collection<UUID> serviceIds, PageRequest page) {
        UUID[] ids = serviceIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        Map<UUID, List<Deployment>> rowsByService = new LinkedHashMap<>();
        for (Deployment row :
                Keyset.rowsPerScope(
                        entityManager,
                        Deployment.class,
                        OWNED_LIVE_SERVICES,
                        "deployments",
                        "service_id",
                        Map.of("ids", ids, "user", caller.id()),
                        page,
                        Keyset.Order.NEWEST_FIRST)) {
            rowsByService.computeIfAbsent(row.serviceId, id -> new ArrayList<>()).add(row);
        }
        Map<UUID, Page<DeploymentView>> pages = new LinkedHashMap<>();
        rowsByService.forEach(
                (service, rows) ->
                        pages.put(
                                service,
                                Page.of(rows, page, Deployment::cursor, DeploymentView::of)));
        return pages;
    }

    /**
     * How many deployments each of the given services has, in one query (for batched totalCount
     * fields). Services that are not the caller's live ones are absent from the map.
     */
    @Transactional
    public Map<UUID, Long> countByServices(Caller caller, Collection<UUID> serviceIds) {
        UUID[] ids = serviceIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return Keyset.countsPerScope(
                entityManager,
                OWNED_LIVE_SERVICES,
                "deployments",
                "service_id",
                "",
                Map.of("ids", ids, "user", caller.id()));
    }

    /** How many deployments the caller's live service has (a connection's totalCount). */
    @Transactional
    public long count(Caller caller, String serviceId) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        return Deployment.count("serviceId", service.id);
    }

    /** The live service's newest deployment, whatever its status. */
    @Transactional
    public Optional<DeploymentView> latest(Caller caller, String serviceId) {
        Service service = services.owned(caller, Ids.parse("serviceId", serviceId));
        return Deployment.<Deployment>find(
                        "serviceId = ?1 order by createdAt desc, id desc", service.id)
                .firstResultOptional()
                .map(DeploymentView::of);
    }

    /**
     * The newest deployment of each of the given services, in one query (for batched GraphQL
     * fields). Services that are not the caller's, or have no deployment, are absent from the map.
     */
    @Transactional
    public Map<UUID, DeploymentView> latestByService(Caller caller, Collection<UUID> serviceIds) {
        UUID[] ids = serviceIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Deployment> rows =
                entityManager
                        .createNativeQuery(
                                "select d.* from services s"
                                        + " join projects p on p.id = s.project_id"
                                        + " cross join lateral (select * from deployments x"
                                        + "   where x.service_id = s.id"
                                        + "   order by x.created_at desc, x.id desc limit 1) d"
                                        + " where s.id = any(cast(:ids as uuid[])) and p.user_id = :user",
                                Deployment.class)
                        .setParameter("ids", ids)
                        .setParameter("user", caller.id())
                        .getResultList();
        Map<UUID, DeploymentView> latest = new LinkedHashMap<>();
        rows.forEach(d -> latest.put(d.serviceId, DeploymentView.of(d)));
        return Map.copyOf(latest);
    }

    /**
     * A deployment's events in order, after the event id {@code afterEventId} (0: from the start).
     */
    @Transactional
    public List<DeploymentEventView> events(
            Caller caller, String deploymentId, long afterEventId, int limit) {
        Deployment deployment = ownedDeployment(caller, Ids.parse("deploymentId", deploymentId));
        return DeploymentEvent.<DeploymentEvent>find(
                        "deploymentId = ?1 and id > ?2 order by id", deployment.id, afterEventId)
                .page(0, checkLimit(limit))
                .stream()
                .map(DeploymentEventView::of)
                .toList();
    }

    /**
     * The events of each of the given deployments after the event id {@code afterEventId}, at most
     * {@code limit} each, in order, in one query (for batched GraphQL fields). Deployments that are
     * not the caller's, or have no such events, are absent from the map.
     */
    @Transactional
    public Map<UUID, List<DeploymentEventView>> eventsByDeployment(
            Caller caller, Collection<UUID> deploymentIds, long afterEventId, int limit) {
        checkLimit(limit);
        UUID[] ids = deploymentIds.stream().distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<DeploymentEvent> rows =
                entityManager
                        .createNativeQuery(
                                "select e.* from deployments d"
                                        + " join services s on s.id = d.service_id"
                                        + " join projects p on p.id = s.project_id"
                                        + " cross join lateral (select * from deployment_events x"
                                        + "   where x.deployment_id = d.id and x.id > :after"
                                        + "   order by x.id limit :limit) e"
                                        + " where d.id = any(cast(:ids as uuid[]))"
                                        + " and p.user_id = :user"
                                        + " order by e.deployment_id, e.id",
                                DeploymentEvent.class)
                        .setParameter("ids", ids)
                        .setParameter("after", afterEventId)
                        .setParameter("limit", limit)
                        .setParameter("user", caller.id())
                        .getResultList();
        Map<UUID, List<DeploymentEventView>> byDeployment = new LinkedHashMap<>();
        for (DeploymentEvent row : rows) {
            byDeployment
                    .computeIfAbsent(row.deploymentId, id -> new ArrayList<>())
                    .add(DeploymentEventView.of(row));
        }
        return byDeployment;
    }

    /** The last {@code limit} events of a deployment, oldest first: where a deployment stands. */
    @Transactional
    public List<DeploymentEventView> lastEvents(Caller caller, String deploymentId, int limit) {
        Deployment deployment = ownedDeployment(caller, Ids.parse("deploymentId", deploymentId));
        List<DeploymentEvent> newestFirst =
                DeploymentEvent.<DeploymentEvent>find(
                                "deploymentId = ?1 order by id desc", deployment.id)
                        .page(0, checkLimit(limit))
                        .list();
        List<DeploymentEventView> events = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            events.add(DeploymentEventView.of(newestFirst.get(i)));
        }
        return List.copyOf(events);
    }

    /** A deployment's build output after line {@code afterLineNo} (0: from the start). */
    @Transactional
    public List<LogLineView> logLines(
            Caller caller, String deploymentId, int afterLineNo, int limit) {
        Deployment deployment = ownedDeployment(caller, Ids.parse("deploymentId", deploymentId));
        return BuildLogLine.<BuildLogLine>find(
                        "deploymentId = ?1 and lineNo > ?2 order by lineNo",
                        deployment.id,
                        afterLineNo)
                .page(0, checkLimit(limit))
                .stream()
                .map(LogLineView::of)
                .toList();
    }

    /**
     * The last {@code limit} lines of a deployment's build output before line {@code beforeLineNo}
     * (all lines when absent), optionally only those containing {@code search} (plain text,
     * case-sensitive), first line first: the end of a build, where its error is.
     */
    @Transactional
    public List<LogLineView> lastLogLines(
            Caller caller,
            String deploymentId,
            Optional<Integer> beforeLineNo,
            Optional<String> search,
            int limit) {
        Deployment deployment = ownedDeployment(caller, Ids.parse("deploymentId", deploymentId));
        int before = beforeLineNo.orElse(Integer.MAX_VALUE);
        Optional<String> text = search.filter(s -> !s.isEmpty());
        List<BuildLogLine> newestFirst =
                (text.isPresent()
                                ? BuildLogLine.<BuildLogLine>find(
                                        "deploymentId = ?1 and lineNo < ?2 and locate(?3, line) > 0"
                                                + " order by lineNo desc",
                                        deployment.id,
                                        before,
                                        text.get())
                                : BuildLogLine.<BuildLogLine>find(
                                        "deploymentId = ?1 and lineNo < ?2 order by lineNo desc",
                                        deployment.id,
                                        before))
                        .page(0, checkLimit(limit))
                        .list();
        List<LogLineView> lines = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            lines.add(LogLineView.of(newestFirst.get(i)));
        }
        return List.copyOf(lines);
    }

    // ---- internals ---------------------------------------------------------------------------

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_READ_LIMIT) {
            throw new InvalidValueException(
                    "limit", "must be between 1 and " + MAX_READ_LIMIT + " (got " + limit + ")");
        }
        return limit;
    }

    /**
     * The caller's deployment, whether or not its service is still live (a deleted service's
     * history stays readable). Anyone else's is "not found".
     */
    private Deployment ownedDeployment(Caller caller, UUID deploymentId) {
        return entityManager
                .createQuery(
                        "select d from Deployment d join Service s on s.id = d.serviceId"
                                + " join Project p on p.id = s.projectId"
                                + " where d.id = :id and p.userId = :user",
                        Deployment.class)
                .setParameter("id", deploymentId)
                .setParameter("user", caller.id())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("deployment", deploymentId.toString()));
    }
}
