package ink.ml.deploy.platform.deployments;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.DeploymentStep;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.repos.InternalRepo;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deployments of the caller's services: recording them, moving their status, their events and build
 * output, and reading all of it. The only way to change a deployment.
 *
 * <p>Two kinds of methods: those that take a {@link Caller} serve GraphQL and MCP and see only the
 * caller's own services (anything else is "not found"); those without one serve the deploy
 * workflow, which acts for the system on a deployment it was started for. Only trusted
 * orchestration code (the worker's activities) may call the latter; no adapter that takes user
 * input may expose them.
 *
 * <p>The database has the last word on the invariants: at most one in-flight deployment per service
 * ({@code deployments_one_in_flight}) and at most one live one ({@code deployments_one_live}).
 */
@ApplicationScoped
public class Deployments {
    /** Column limit of {@code deployment_events.message} and {@code deployments.error_message}. */
    public static final int MAX_MESSAGE_LENGTH = 4000;

    /** Column limit of {@code build_log_lines.line}. */
    public static final int MAX_LOG_LINE_LENGTH = 8192;

    /** At most this many lines per {@link #appendLogLines} call; send longer output in batches. */
    public static final int MAX_LINES_PER_APPEND = 10_000;

    /** At most this many events or log lines per read. */
    public static final int MAX_READ_LIMIT = 1000;

    static final int MAX_ERROR_STEP_LENGTH = 64;

    /** The event of a cancellation asked for through the APIs, before the deployment stops. */
    public static final String CANCELLATION_REQUESTED =
            "Cancellation requested: the running step is being stopped";

    private static final String IN_FLIGHT_INDEX = "deployments_one_in_flight";
    private static final TypeReference<TreeMap<String, String>> ENV_JSON = new TypeReference<>() {};

    private final EntityManager entityManager;
    private final SecretBox secretBox;
    private final Services services;
    private final Variables variables;
    private final ObjectMapper json = new ObjectMapper();

    public Deployments(
            EntityManager entityManager,
            SecretBox secretBox,
            Services services,
            Variables variables) {
        this.entityManager = entityManager;
        this.secretBox = secretBox;
        this.services = services;
        this.variables = variables;
    }

    /** The Temporal workflow id of a deployment's {@code DeployServiceWorkflow}. */
    public static String workflowId(UUID deploymentId) {
        return "deploy-" + deploymentId;
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
        return DeploymentView.of(recordFor(service, request));
    }

    /**
     * Like {@link #record} for the system itself (a git push handled by the worker), with no caller
     * to authorize. <b>Only trusted orchestration code calls this</b>: it has already resolved the
     * service from a verified source (a signed webhook, an authenticated push). The service must be
     * live; the same in-flight conflict applies.
     */
    @Transactional
    public DeploymentView recordForService(NewDeployment request) {
        Service service = Service.findById(request.serviceId());
        if (service == null || !service.isLive()) {
            throw new NotFoundException("service", request.serviceId().toString());
        }
        return DeploymentView.of(recordFor(service, request));
    }

    /**
     * A new deployment that puts an earlier one's image back, with that deployment's commit,
     * configuration and variables: no build. Refused when the earlier deployment never produced an
     * image, and while another deployment of the service is in flight.
     */
    @Transactional
    public DeploymentView rollback(Caller caller, String deploymentId) {
        Deployment earlier = rollbackTargetOf(caller, Ids.parse("deploymentId", deploymentId));
        Service service = services.owned(caller, earlier.serviceId);
        return DeploymentView.of(
                insert(
                        service,
                        DeploymentTrigger.ROLLBACK,
                        earlier.commitSha,
                        earlier.imageRef,
                        earlier.id,
                        earlier.configSnapshot,
                        openEnv(earlier)));
    }

    /**
     * The earlier deployment a rollback would put back, checked as {@link #rollback} checks it (the
     * caller's, of a live service, with an image) without recording anything: lets an adapter
     * refuse a rollback before it stops the deployment in flight.
     */
    @Transactional
    public DeploymentView rollbackTarget(Caller caller, String deploymentId) {
        return DeploymentView.of(rollbackTargetOf(caller, Ids.parse("deploymentId", deploymentId)));
    }

    private Deployment rollbackTargetOf(Caller caller, UUID earlierId) {
        Deployment earlier = ownedDeployment(caller, earlierId);
        services.owned(caller, earlier.serviceId);
        if (earlier.imageRef == null) {
            throw new ConflictException(
                    "deploymentId",
                    "deployment "
                            + earlierId
                            + " never produced an image (it is "
                            + earlier.status
                            + "), so there is nothing to roll back to; pick a deployment that"
                            + " was built");
        }
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
                insert(
                        service,
                        DeploymentTrigger.API,
                        earlier.commitSha,
                        null,
                        null,
                        earlier.configSnapshot,
                        openEnv(earlier)));
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
        appendEvent(id, DeploymentStep.CANCEL, EventStatus.STARTED, CANCELLATION_REQUESTED);
        return deployment;
    }

    // ---- the workflow's side -----------------------------------------------------------------

    /**
     * Moves a deployment to {@code target}, only as {@link DeploymentStatus#transitionTo} allows
     * ({@link IllegalStatusTransitionException} otherwise, and nothing changes). The row is locked
     * for the transaction, so two transitions of one deployment never interleave. Terminal states
     * set {@code finished_at}. Becoming active first supersedes the service's previous live
     * deployment. The error step and message, when given, are stored cut to their limits.
     */
    @Transactional
    public DeploymentView transition(
            UUID deploymentId,
            DeploymentStatus target,
            Optional<String> errorStep,
            Optional<String> errorMessage) {
        Deployment deployment = locked(deploymentId);
        DeploymentStatus next = deployment.status().transitionTo(target);
        Instant now = Timestamps.now();
        if (next == DeploymentStatus.ACTIVE) {
            supersedeLiveDeploymentsOf(deployment, now);
        }
        apply(deployment, next, now);
        errorStep.ifPresent(step -> deployment.errorStep = Text.line(step, MAX_ERROR_STEP_LENGTH));
        errorMessage.ifPresent(
                message -> deployment.errorMessage = Text.message(message, MAX_MESSAGE_LENGTH));
        entityManager.flush();
        return DeploymentView.of(deployment);
    }

    /**
     * What the execution target saw a live deployment doing: {@code CRASHED} (a crash loop, an OOM
     * kill) or {@code ACTIVE} (running again). The one rule for runtime reports: a live deployment
     * moves through {@link DeploymentStatus#transitionTo} and gets an event in the {@code active}
     * step with {@code reason}, in one transaction; a deployment already in that state, or one that
     * is not live (deploying, superseded, removed), is left as it is. So a repeated, late or
     * reordered report about pods the deployment no longer owns never writes over a newer truth.
     *
     * @param observed {@link DeploymentStatus#CRASHED} or {@link DeploymentStatus#ACTIVE}
     * @param reason plain words for the user, e.g. "OOMKilled: the app used more memory than its
     *     plan (512 Mi)"; cut to {@value #MAX_MESSAGE_LENGTH} chars
     * @throws NotFoundException when the deployment does not exist
     */
    @Transactional
    public RuntimeStateChange recordRuntimeState(
            UUID deploymentId, DeploymentStatus observed, String reason) {
        if (observed != DeploymentStatus.CRASHED && observed != DeploymentStatus.ACTIVE) {
            throw new InvalidValueException(
                    "observed", "a runtime report is crashed or active, not " + observed.value());
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "must say in plain words what was seen");
        }
        Deployment deployment = locked(deploymentId);
        DeploymentStatus current = deployment.status();
        if (current == observed) {
            return RuntimeStateChange.ALREADY;
        }
        if (!current.isLive()) {
            return RuntimeStateChange.NOT_LIVE;
        }
        // Live and different: crashed <-> active, both allowed by the rule book.
        DeploymentStatus next = current.transitionTo(observed);
        apply(deployment, next, Timestamps.now());
        entityManager.flush();
        if (next == DeploymentStatus.CRASHED) {
            appendEvent(
                    deploymentId, DeploymentStep.ACTIVE, EventStatus.FAILED, "Crashed: " + reason);
        } else {
            appendEvent(
                    deploymentId,
                    DeploymentStep.ACTIVE,
                    EventStatus.SUCCEEDED,
                    "Running again: " + reason);
        }
        return RuntimeStateChange.MOVED;
    }

    /**
     * Records the image the build pushed for a deployment still in flight. The image must be the
     * deployment's own: same service, same commit.
     */
    @Transactional
    public DeploymentView setImage(UUID deploymentId, ImageRef image) {
        Deployment deployment = locked(deploymentId);
        if (!deployment.status().isInFlight()) {
            throw new ConflictException(
                    "deploymentId",
                    "deployment "
                            + deploymentId
                            + " is "
                            + deployment.status
                            + "; too late for an image");
        }
        ServiceRef service = serviceRef(Service.findById(deployment.serviceId));
        if (!image.service().equals(service)
                || !image.commit().value().equals(deployment.commitSha)) {
            throw new InvalidValueException(
                    "image",
                    image.reference()
                            + " is not an image of "
                            + service.namespace()
                            + "/"
                            + service.service()
                            + " at commit "
                            + deployment.commitSha);
        }
        deployment.imageRef = image.reference();
        deployment.updatedAt = Timestamps.now();
        entityManager.flush();
        return DeploymentView.of(deployment);
    }

    /** Appends one event; a message longer than {@value #MAX_MESSAGE_LENGTH} chars is cut. */
    @Transactional
    public DeploymentEventView appendEvent(
            UUID deploymentId, DeploymentStep step, EventStatus status, String message) {
        requireExists(deploymentId);
        DeploymentEvent event = new DeploymentEvent();
        event.deploymentId = deploymentId;
        event.step = step.value();
        event.status = status.value();
        event.message = Text.message(message, MAX_MESSAGE_LENGTH);
        event.createdAt = Timestamps.now();
        event.persistAndFlush();
        return DeploymentEventView.of(event);
    }

    /**
     * Appends build output as lines {@code firstLineNo}, {@code firstLineNo + 1}, … Idempotent: a
     * line number already stored is left as it is, so a retried activity that sends the same lines
     * again neither duplicates nor fails. Control characters other than tab are dropped and a line
     * longer than {@value #MAX_LOG_LINE_LENGTH} chars is cut.
     *
     * @return how many lines were new
     */
    @Transactional
    public int appendLogLines(UUID deploymentId, int firstLineNo, List<String> lines) {
        if (firstLineNo < 1) {
            throw new InvalidValueException("firstLineNo", "must be at least 1");
        }
        if (lines.size() > MAX_LINES_PER_APPEND) {
            throw new InvalidValueException(
                    "lines", "at most " + MAX_LINES_PER_APPEND + " lines per append");
        }
        if ((long) firstLineNo + lines.size() - 1 > Integer.MAX_VALUE) {
            throw new InvalidValueException("firstLineNo", "line numbers would overflow");
        }
        requireExists(deploymentId);
        if (lines.isEmpty()) {
            return 0;
        }
        String[] cleaned =
                lines.stream()
                        .map(line -> Text.line(line, MAX_LOG_LINE_LENGTH))
                        .toArray(String[]::new);
        return entityManager
                .createNativeQuery(
                        "insert into build_log_lines (deployment_id, line_no, line, created_at)"
                                + " select :deployment, :first + t.n - 1, t.line, :at"
                                + " from unnest(cast(:lines as text[])) with ordinality as t(line, n)"
                                + " on conflict (deployment_id, line_no) do nothing")
                .setParameter("deployment", deploymentId)
                .setParameter("first", firstLineNo)
                .setParameter("lines", cleaned)
                .setParameter("at", Timestamps.now())
                .executeUpdate();
    }

    /**
     * What the deploy workflow needs to build and run a deployment, including its decrypted
     * variables. Trusted orchestration code only.
     */
    @Transactional
    public DeploymentSnapshot snapshotFor(UUID deploymentId) {
        Deployment deployment = Deployment.findById(deploymentId);
        if (deployment == null) {
            throw new NotFoundException("deployment", deploymentId.toString());
        }
        Service service = Service.findById(deployment.serviceId);
        Project project = Project.findById(service.projectId);
        ServiceRef ref = ServiceRef.of(project.userId, project.name, service.name);
        GitSha commit = GitSha.of(deployment.commitSha);
        return new DeploymentSnapshot(
                deployment.id,
                service.id,
                ref,
                Region.of(project.region),
                deployment.status(),
                deployment.trigger(),
                commit,
                Optional.ofNullable(deployment.imageRef).map(image -> imageRef(image, ref, commit)),
                deployment.configSnapshot,
                decodeEnv(
                        deployment.envSnapshot == null
                                ? null
                                : secretBox.open(
                                        new SealedValue(
                                                deployment.envKeyId, deployment.envSnapshot),
                                        envAssociatedData(deployment.id))),
                deployment.workflowId);
    }

    /** The service's deployment in flight (queued, building or deploying), if any. System only. */
    @Transactional
    public Optional<DeploymentView> inFlightOf(UUID serviceId) {
        return Deployment.<Deployment>find(
                        "serviceId = ?1 and status in ('queued', 'building', 'deploying')",
                        serviceId)
                .firstResultOptional()
                .map(DeploymentView::of);
    }

    /** The service's live deployment (active or crashed), if any. System only. */
    @Transactional
    public Optional<DeploymentView> liveOf(UUID serviceId) {
        return Deployment.<Deployment>find(
                        "serviceId = ?1 and status in ('active', 'crashed')", serviceId)
                .firstResultOptional()
                .map(DeploymentView::of);
    }

    /**
     * The service's newest deployment, whatever its status, even of a deleted service. System only:
     * the push workflow uses it to recognise a deployment it already recorded.
     */
    @Transactional
    public Optional<DeploymentView> latestOf(UUID serviceId) {
        return Deployment.<Deployment>find(
                        "serviceId = ?1 order by createdAt desc, id desc", serviceId)
                .firstResultOptional()
                .map(DeploymentView::of);
    }

    /** Where a deployment is now. System only. */
    @Transactional
    public DeploymentStatus statusOf(UUID deploymentId) {
        Deployment deployment = Deployment.findById(deploymentId);
        if (deployment == null) {
            throw new NotFoundException("deployment", deploymentId.toString());
        }
        return deployment.status();
    }

    // ---- reads for the caller ----------------------------------------------------------------

    @Transactional
    public DeploymentView get(Caller caller, String deploymentId) {
        return DeploymentView.of(ownedDeployment(caller, Ids.parse("deploymentId", deploymentId)));
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

    // ---- internals ---------------------------------------------------------------------------

    private Deployment recordFor(Service service, NewDeployment request) {
        return insert(
                service,
                request.trigger(),
                request.commitSha().value(),
                null,
                null,
                configOf(service),
                encodeEnv(variables.decryptedFor(service)));
    }

    private Deployment insert(
            Service service,
            DeploymentTrigger trigger,
            String commitSha,
            String imageRef,
            UUID rollbackOf,
            ConfigSnapshot config,
            byte[] env) {
        Deployment deployment = new Deployment();
        deployment.id = Ids.random();
        deployment.serviceId = service.id;
        deployment.status = DeploymentStatus.QUEUED.value();
        deployment.trigger = trigger.value();
        deployment.commitSha = commitSha;
        deployment.imageRef = imageRef;
        deployment.rollbackOf = rollbackOf;
        deployment.configSnapshot = config;
        if (env != null) {
            SealedValue sealed = secretBox.seal(env, envAssociatedData(deployment.id));
            deployment.envSnapshot = sealed.bytes();
            deployment.envKeyId = sealed.keyId();
        }
        deployment.workflowId = workflowId(deployment.id);
        deployment.createdAt = Timestamps.now();
        deployment.updatedAt = deployment.createdAt;
        try {
            deployment.persistAndFlush();
        } catch (PersistenceException e) {
            if (violates(e, IN_FLIGHT_INDEX)) {
                throw new ConflictException(
                        "serviceId",
                        "a deployment is already in progress for this service; wait for it to"
                                + " finish or cancel it first");
            }
            throw e;
        }
        // The first event of every deployment, so its event list tells the whole story.
        appendEvent(deployment.id, DeploymentStep.QUEUED, EventStatus.INFO, queuedMessage(trigger));
        return deployment;
    }

    private static String queuedMessage(DeploymentTrigger trigger) {
        return switch (trigger) {
            case API -> "queued: deploy requested";
            case GIT_PUSH -> "queued: a push to the tracked branch";
            case ROLLBACK -> "queued: rollback to an earlier image";
        };
    }

    private static ConfigSnapshot configOf(Service service) {
        ConfigSnapshot.Source source;
        if (Service.SOURCE_GITHUB.equals(service.sourceKind)) {
            source = ConfigSnapshot.Source.github(service.githubRepo);
        } else {
            InternalRepo repo = InternalRepo.findById(service.internalRepoId);
            source = ConfigSnapshot.Source.internal(repo.id, repo.name);
        }
        return new ConfigSnapshot(
                service.port,
                service.memoryMi,
                service.milliCpu,
                service.rootDirectory,
                service.dockerfilePath,
                service.branch,
                service.buildStrategy,
                source);
    }

    /**
     * Supersedes the service's live deployment before {@code deployment} becomes active, and
     * flushes, so the database never sees two live rows (deployments_one_live).
     */
    private void supersedeLiveDeploymentsOf(Deployment deployment, Instant now) {
        List<Deployment> live =
                entityManager
                        .createQuery(
                                "from Deployment where serviceId = :service and id <> :id"
                                        + " and status in ('active', 'crashed')",
                                Deployment.class)
                        .setParameter("service", deployment.serviceId)
                        .setParameter("id", deployment.id)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList();
        for (Deployment previous : live) {
            apply(previous, previous.status().transitionTo(DeploymentStatus.SUPERSEDED), now);
        }
        entityManager.flush();
    }

    private static void apply(Deployment deployment, DeploymentStatus next, Instant now) {
        deployment.status = next.value();
        deployment.updatedAt = now;
        if (next.isTerminal()) {
            deployment.finishedAt = now;
        }
    }

    private Deployment locked(UUID deploymentId) {
        Deployment deployment =
                entityManager.find(Deployment.class, deploymentId, LockModeType.PESSIMISTIC_WRITE);
        if (deployment == null) {
            throw new NotFoundException("deployment", deploymentId.toString());
        }
        return deployment;
    }

    private static void requireExists(UUID deploymentId) {
        if (Deployment.count("id", deploymentId) == 0) {
            throw new NotFoundException("deployment", deploymentId.toString());
        }
    }

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

    private static ServiceRef serviceRef(Service service) {
        Project project = Project.findById(service.projectId);
        return ServiceRef.of(project.userId, project.name, service.name);
    }

    /**
     * The stored reference back as an {@link ImageRef}: the repository and tag are fixed by the
     * service and commit, so only the registry host is read from it.
     */
    private static ImageRef imageRef(String stored, ServiceRef service, GitSha commit) {
        String suffix = "/" + service.namespace() + "/" + service.service() + ":" + commit;
        if (!stored.endsWith(suffix)) {
            throw new IllegalStateException(
                    "stored image " + stored + " is not of " + service + " at " + commit);
        }
        RegistryHost registry =
                RegistryHost.of(stored.substring(0, stored.length() - suffix.length()));
        return ImageRef.of(registry, service, commit);
    }

    /** An earlier deployment's variables as recorded, still serialized; null when it had none. */
    private byte[] openEnv(Deployment earlier) {
        return earlier.envSnapshot == null
                ? null
                : secretBox.open(
                        new SealedValue(earlier.envKeyId, earlier.envSnapshot),
                        envAssociatedData(earlier.id));
    }

    private static String envAssociatedData(UUID deploymentId) {
        return "deployment/" + deploymentId;
    }

    private byte[] encodeEnv(Map<EnvVarName, String> env) {
        TreeMap<String, String> plain = new TreeMap<>();
        env.forEach((name, value) -> plain.put(name.value(), value));
        try {
            return json.writeValueAsBytes(plain);
        } catch (JsonProcessingException e) {
            // Never include the exception's message: it could quote a value.
            throw new IllegalStateException("the variables could not be serialized");
        }
    }

    private Map<EnvVarName, String> decodeEnv(byte[] plaintext) {
        if (plaintext == null) {
            return Map.of();
        }
        TreeMap<String, String> plain;
        try {
            plain = json.readValue(new String(plaintext, StandardCharsets.UTF_8), ENV_JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a deployment's env snapshot is not a JSON object");
        }
        Map<EnvVarName, String> env = new TreeMap<>();
        plain.forEach((name, value) -> env.put(EnvVarName.of(name), value));
        return env;
    }
}
