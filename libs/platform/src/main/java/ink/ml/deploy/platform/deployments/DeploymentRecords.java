package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.projects.Project;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.variables.Variables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The deploy workflow's side of deployments, acting for the system on a deployment it was started
 * for: recording a push's deployment, moving statuses, the image, events and build output, runtime
 * states, and the reads the workflows need. <b>Trusted orchestration code only</b> (the worker's
 * activities): nothing here takes a caller or checks ownership, so no adapter that takes user input
 * may call it (an ArchUnit test keeps graphql and mcp off it). Users go through {@link
 * Deployments}.
 *
 * <p>The database has the last word on the invariants: at most one in-flight deployment per service
 * ({@code deployments_one_in_flight}) and at most one live one ({@code deployments_one_live}).
 */
@ApplicationScoped
public class DeploymentRecords {
    /** Column limit of {@code deployment_events.message} and {@code deployments.error_message}. */
    public static final int MAX_MESSAGE_LENGTH = 4000;

    /** Column limit of {@code build_log_lines.line}. */
    public static final int MAX_LOG_LINE_LENGTH = 8192;

    /** At most this many lines per {@link #appendLogLines} call; send longer output in batches. */
    public static final int MAX_LINES_PER_APPEND = 10_000;

    static final int MAX_ERROR_STEP_LENGTH = 64;

    private final EntityManager entityManager;
    private final DeploymentWriter writer;

    public DeploymentRecords(
            EntityManager entityManager, SecretBox secretBox, Variables variables) {
        this.entityManager = entityManager;
        this.writer = new DeploymentWriter(secretBox, variables);
    }

    /**
     * Like {@link Deployments#record} for the system itself (a git push handled by the worker),
     * with no caller to authorize. <b>Only trusted orchestration code calls this</b>: it has
     * already resolved the service from a verified source (a signed webhook, an authenticated
     * push). The service must be live; the same in-flight conflict applies.
     */
    @Transactional
    public DeploymentView recordForService(NewDeployment request) {
        Service service = Service.findById(request.serviceId());
        if (service == null || !service.isLive()) {
            throw new NotFoundException("service", request.serviceId().toString());
        }
        return DeploymentView.of(writer.recordFor(service, request));
    }

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
        return writer.appendEvent(deploymentId, step, status, message);
    }

    /**
     * Appends one event once: a writer that may run twice (a workflow's activity, retried or
     * replayed after its worker died) gives the same {@code key} each time, and a key the
     * deployment already has adds nothing. The stored event, new or earlier, is returned.
     */
    @Transactional
    public DeploymentEventView appendEventOnce(
            UUID deploymentId,
            String key,
            DeploymentStep step,
            EventStatus status,
            String message) {
        return writer.appendEventOnce(deploymentId, key, step, status, message);
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
        DeploymentWriter.requireExists(deploymentId);
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
                writer.envOf(deployment),
                deployment.workflowId);
    }

    /** The service's deployment in flight (queued, building or deploying), if any. System only. */
    @Transactional
    public Optional<DeploymentView> inFlightOf(UUID serviceId) {
        return Deployment.<Deployment>find(
                        "serviceId = ?1 and status in ?2",
                        serviceId,
                        DeploymentStatus.inFlightValues())
                .firstResultOptional()
                .map(DeploymentView::of);
    }

    /** The service's live deployment (active or crashed), if any. System only. */
    @Transactional
    public Optional<DeploymentView> liveOf(UUID serviceId) {
        return Deployment.<Deployment>find(
                        "serviceId = ?1 and status in ?2", serviceId, DeploymentStatus.liveValues())
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

    // ---- internals ---------------------------------------------------------------------------

    /**
     * Supersedes the service's live deployment before {@code deployment} becomes active, and
     * flushes, so the database never sees two live rows (deployments_one_live).
     */
    private void supersedeLiveDeploymentsOf(Deployment deployment, Instant now) {
        List<Deployment> live =
                entityManager
                        .createQuery(
                                "from Deployment where serviceId = :service and id <> :id"
                                        + " and status in :live",
                                Deployment.class)
                        .setParameter("service", deployment.serviceId)
                        .setParameter("live", DeploymentStatus.liveValues())
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

    private static ServiceRef serviceRef(Service service) {
        Project project = Project.findById(service.projectId);
        return ServiceRef.of(project.userId, project.name, service.name);
    }

    /**
     * The stored reference back as an {@link ImageRef}, which must be of the deployment's service
     * and commit. Its tag is {@code {sha}-{fingerprint}}, or the sha alone for an image recorded
     * before tags carried the build settings' fingerprint.
     */
    private static ImageRef imageRef(String stored, ServiceRef service, GitSha commit) {
        ImageRef image = ImageRef.parse(stored);
        if (!image.service().equals(service) || !image.commit().equals(commit)) {
            throw new IllegalStateException(
                    "stored image " + stored + " is not of " + service + " at " + commit);
        }
        return image;
    }
}
