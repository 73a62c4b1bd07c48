package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.workflow.deploy.AppendBuildLogRequest;
import ink.ml.deploy.workflow.deploy.AppendEventRequest;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotRequest;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotResult;
import ink.ml.deploy.workflow.deploy.DeploymentPlan;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import ink.ml.deploy.workflow.deploy.LoadPlanRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusResult;
import ink.ml.deploy.workflow.deploy.RecordImageRequest;
import io.quarkiverse.temporal.TemporalActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Test double of the product plane's records, in memory, with the same status rules as the database
 * ({@link DeploymentStatus#transitionTo}): a refused move fails as a stale deployment, like {@link
 * DeploymentRecordActivitiesImpl}. Keeps every status a deployment went through.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class InMemoryDeploymentRecords implements DeploymentRecordActivities {
    /** One stored event: step, status, message. */
    public record Event(String step, String status, String message) {}

    /** How long a deployment refused a build slot waits here: real time, the tests hold builds. */
    private static final Duration RECHECK = Duration.ofMillis(200);

    private final Map<String, DeploymentPlan> plans = new HashMap<>();
    private final Map<String, List<DeploymentStatus>> statuses = new HashMap<>();
    private final Map<String, List<Event>> events = new HashMap<>();
    private final Map<String, String> images = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();
    private final Map<String, TreeMap<Integer, String>> logs = new HashMap<>();
    private volatile int buildsPerUser = 2;

    /** Builds one user may run at once, as {@code mcpdeploy.builds.per-user}. */
    public InMemoryDeploymentRecords allowingBuildsPerUser(int limit) {
        this.buildsPerUser = limit;
        return this;
    }

    /** A queued deployment. */
    public synchronized void add(DeploymentPlan plan) {
        plans.put(plan.deploymentId(), plan);
        statuses.put(plan.deploymentId(), new ArrayList<>(List.of(DeploymentStatus.QUEUED)));
    }

    @Override
    public synchronized DeploymentPlan loadPlan(LoadPlanRequest request) {
        DeploymentPlan plan = plans.get(request.deploymentId());
        if (plan == null) {
            throw RecordFailures.notFound("deployment", request.deploymentId());
        }
        return plan;
    }

    @Override
    public synchronized MarkStatusResult markStatus(MarkStatusRequest request) {
        String id = request.deploymentId();
        DeploymentStatus current = status(id);
        DeploymentStatus target = request.status();
        if (current == target) {
            return new MarkStatusResult(current);
        }
        if (!current.canTransitionTo(target)) {
            throw RecordFailures.stale(UUID.fromString(id), current);
        }
        statuses.get(id).add(target);
        if (request.errorStep() != null) {
            errors.put(id, request.errorStep().value() + ": " + request.errorMessage());
        }
        eventsOf(id)
                .add(
                        new Event(
                                request.step().value(),
                                DeploymentRecordActivitiesImpl.eventStatusOf(target).value(),
                                request.message()));
        return new MarkStatusResult(target);
    }

    /** Like the database: at most {@link #allowingBuildsPerUser} of one user's plans building. */
    @Override
    public synchronized ClaimBuildSlotResult claimBuildSlot(ClaimBuildSlotRequest request) {
        String id = request.deploymentId();
        String user = loadPlan(new LoadPlanRequest(id)).target().userId();
        long running =
                plans.values().stream()
                        .filter(plan -> plan.target().userId().equals(user))
                        .filter(plan -> status(plan.deploymentId()) == DeploymentStatus.BUILDING)
                        .count();
        if (status(id) == DeploymentStatus.BUILDING) {
            return new ClaimBuildSlotResult(true, (int) running, buildsPerUser, 0);
        }
        if (status(id) == DeploymentStatus.QUEUED && running >= buildsPerUser) {
            return new ClaimBuildSlotResult(
                    false, (int) running, buildsPerUser, RECHECK.toMillis());
        }
        markStatus(
                MarkStatusRequest.moving(
                        id, DeploymentStatus.BUILDING, request.step(), request.message()));
        return new ClaimBuildSlotResult(true, (int) running + 1, buildsPerUser, 0);
    }

    @Override
    public synchronized void recordImage(RecordImageRequest request) {
        if (request.imageRef().equals(images.put(request.deploymentId(), request.imageRef()))) {
            return;
        }
        if (request.builtMessage() != null) {
            eventsOf(request.deploymentId())
                    .add(new Event("build", "succeeded", request.builtMessage()));
        }
    }

    @Override
    public synchronized void appendEvent(AppendEventRequest request) {
        eventsOf(request.deploymentId())
                .add(
                        new Event(
                                request.step().value(),
                                request.status().value(),
                                request.message()));
    }

    @Override
    public synchronized void appendBuildLog(AppendBuildLogRequest request) {
        TreeMap<Integer, String> log =
                logs.computeIfAbsent(request.deploymentId(), id -> new TreeMap<>());
        for (int i = 0; i < request.lines().size(); i++) {
            log.putIfAbsent(request.firstLineNo() + i, request.lines().get(i));
        }
    }

    public synchronized DeploymentStatus status(String deploymentId) {
        List<DeploymentStatus> path = statuses.get(deploymentId);
        return path.get(path.size() - 1);
    }

    /** Every status the deployment had, queued first. */
    public synchronized List<DeploymentStatus> statusPath(String deploymentId) {
        return List.copyOf(statuses.get(deploymentId));
    }

    public synchronized List<Event> events(String deploymentId) {
        return List.copyOf(eventsOf(deploymentId));
    }

    public synchronized String image(String deploymentId) {
        return images.get(deploymentId);
    }

    /** {@code step: message} of a failed deployment, or null. */
    public synchronized String error(String deploymentId) {
        return errors.get(deploymentId);
    }

    /** The stored build log, in line order; fails if a line number is missing. */
    public synchronized List<String> buildLog(String deploymentId) {
        TreeMap<Integer, String> log = logs.getOrDefault(deploymentId, new TreeMap<>());
        if (!log.isEmpty() && log.lastKey() != log.size()) {
            throw new AssertionError("build log has gaps: " + log.keySet());
        }
        return List.copyOf(log.values());
    }

    private List<Event> eventsOf(String deploymentId) {
        return events.computeIfAbsent(deploymentId, id -> new ArrayList<>());
    }
}
