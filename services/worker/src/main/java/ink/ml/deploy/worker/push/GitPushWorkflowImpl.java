package ink.ml.deploy.worker.push;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.push.FindTrackingServicesRequest;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushActivities;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import ink.ml.deploy.workflow.push.SkippedService;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import ink.ml.deploy.workflow.push.StartedDeployment;
import ink.ml.deploy.workflow.push.TrackedBranchRequest;
import ink.ml.deploy.workflow.push.TrackingServices;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One push: deploys the pushed commit on every service that tracks the repository and branch, all
 * at once (each may first wait for its service's in-flight deployment to stop). Its id, {@code
 * push-{source}-{delivery}}, makes a redelivered webhook find this workflow instead of starting
 * another.
 *
 * <p>Pushes are not delivered in order: a webhook retried late, or two pushes close together, can
 * bring an older commit after a newer one, and latest-by-arrival would then deploy the older one
 * over it. So each service's region deployer is first asked for the branch head, and a push whose
 * commit is no longer the head is skipped on that service (the newer push deploys the head). Two
 * pushes that both pass the check can still record their deployments in the wrong order, so the
 * head is read once more after the starts and followed where it moved.
 */
public class GitPushWorkflowImpl implements GitPushWorkflow {
    /**
     * Version 1 asks for the branch head before deploying; histories recorded before it deploy
     * straight away, as they did.
     */
    static final String DEPLOY_ONLY_THE_BRANCH_HEAD = "deploy-only-the-branch-head";

    private static final Logger LOG = Workflow.getLogger(GitPushWorkflowImpl.class);

    /**
     * Version 1 reads the head again once the push's deployments are recorded and deploys it where
     * it moved ({@link #followTheHead}); histories recorded before it end after the starts.
     */
    static final String FOLLOW_A_MOVED_HEAD = "follow-a-moved-head";

    /** Rounds of {@link #followTheHead} at most. */
    static final int MAX_HEAD_FOLLOWS = 3;

    private final PushActivities push =
            Workflow.newActivityStub(PushActivities.class, PushActivityOptions.push());

    /** The branch each tracking service deploys from, as the head check read it. */
    private final Map<String, BranchSource> sourceOf = new LinkedHashMap<>();

    @Override
    public PushOutcome handle(PushEvent event) {
        TrackingServices tracking =
                push.findTrackingServices(
                        new FindTrackingServicesRequest(
                                event.source(), event.repository(), event.branch()));
        List<SkippedService> skipped = new ArrayList<>();
        List<String> toDeploy = tracking.serviceIds();
        boolean headChecked =
                Workflow.getVersion(DEPLOY_ONLY_THE_BRANCH_HEAD, Workflow.DEFAULT_VERSION, 1) >= 1;
        if (headChecked) {
            toDeploy = servicesAtTheHead(event, tracking.serviceIds(), skipped);
        }
        Map<String, String> commits = new LinkedHashMap<>();
        toDeploy.forEach(serviceId -> commits.put(serviceId, event.commitSha()));
        Map<String, String> started = start(event, commits, skipped);
        List<String> deploymentIds = new ArrayList<>(started.values());
        if (headChecked
                && !started.isEmpty()
                && Workflow.getVersion(FOLLOW_A_MOVED_HEAD, Workflow.DEFAULT_VERSION, 1) >= 1) {
            deploymentIds.addAll(followTheHead(event, started.keySet(), skipped));
        }
        return new PushOutcome(deploymentIds, skipped);
    }

    /**
     * Starts the deployments, all at once: service to commit in, service to deployment out. A
     * service that cannot be deployed any more is added to {@code skipped}.
     */
    private Map<String, String> start(
            PushEvent event, Map<String, String> commits, List<SkippedService> skipped) {
        Map<String, Promise<StartedDeployment>> starts = new LinkedHashMap<>();
        commits.forEach(
                (serviceId, commit) ->
                        starts.put(
                                serviceId,
                                Async.function(
                                        push::startDeployment,
                                        new StartDeploymentRequest(
                                                serviceId, commit, event.deliveryId()))));
        Map<String, String> deploymentIds = new LinkedHashMap<>();
        starts.forEach(
                (serviceId, start) -> {
                    try {
                        deploymentIds.put(serviceId, start.get().deploymentId());
                    } catch (ActivityFailure e) {
                        // The service was deleted meanwhile, or the push names no valid commit:
                        // nothing to deploy there; the other services still deploy.
                        skipped.add(notDeployed(event, serviceId, e));
                    }
                });
        return deploymentIds;
    }

    /**
     * Two pushes close together can both pass the head check, and the older one's deployment can
     * then be recorded last, winning by arrival. So once this push's deployments are recorded the
     * head is read again, and where it has moved, the head is deployed (a start of a commit that is
     * already the service's latest push deployment starts nothing). Each round reads the head after
     * its own deployments were recorded, so whichever push records last also reads last, and what
     * is left deployed is the head. A branch that keeps moving is followed for {@link
     * #MAX_HEAD_FOLLOWS} rounds; its newer pushes deploy it from there.
     *
     * @return the deployments started for a moved head
     */
    private List<String> followTheHead(
            PushEvent event, Collection<String> services, List<SkippedService> skipped) {
        List<String> followed = new ArrayList<>();
        Map<String, String> deployed = new LinkedHashMap<>();
        for (String serviceId : services) {
            deployed.put(serviceId, event.commitSha());
        }
        for (int round = 0; round < MAX_HEAD_FOLLOWS && !deployed.isEmpty(); round++) {
            Map<String, String> moved = movedHeads(event, deployed);
            Map<String, String> started = start(event, moved, skipped);
            followed.addAll(started.values());
            moved.keySet().retainAll(started.keySet());
            deployed = moved;
        }
        return followed;
    }

    /** The services whose branch head is no longer the commit deployed, with the head. */
    private Map<String, String> movedHeads(PushEvent event, Map<String, String> deployed) {
        Map<BranchSource, Promise<Optional<String>>> heads = new LinkedHashMap<>();
        deployed.keySet()
                .forEach(serviceId -> heads.computeIfAbsent(sourceOf.get(serviceId), this::headOf));
        Map<String, String> moved = new LinkedHashMap<>();
        deployed.forEach(
                (serviceId, commit) -> {
                    Optional<String> head = heads.get(sourceOf.get(serviceId)).get();
                    if (head.isPresent() && !head.get().equalsIgnoreCase(commit)) {
                        LOG.info(
                                "push {}: the head of {} moved to {} while {} was being deployed"
                                        + " on service {}; deploying the head",
                                event.deliveryId(),
                                event.branch(),
                                head.get(),
                                commit,
                                serviceId);
                        moved.put(serviceId, head.get());
                    }
                });
        return moved;
    }

    /**
     * The tracking services on which the pushed commit is still the branch head. Services of the
     * same repository, branch and region share one question to their deployer.
     */
    private List<String> servicesAtTheHead(
            PushEvent event, List<String> serviceIds, List<SkippedService> skipped) {
        List<Promise<BranchSource>> sources = new ArrayList<>();
        for (String serviceId : serviceIds) {
            sources.add(Async.function(push::trackedBranch, new TrackedBranchRequest(serviceId)));
        }
        Map<BranchSource, Promise<Optional<String>>> heads = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String serviceId = serviceIds.get(i);
            try {
                BranchSource source = sources.get(i).get();
                sourceOf.put(serviceId, source);
                heads.computeIfAbsent(source, this::headOf);
            } catch (ActivityFailure e) {
                skipped.add(notDeployed(event, serviceId, e));
            }
        }
        List<String> atTheHead = new ArrayList<>();
        sourceOf.forEach(
                (serviceId, source) -> {
                    Optional<String> head = heads.get(source).get();
                    if (head.isPresent() && !head.get().equalsIgnoreCase(event.commitSha())) {
                        String reason =
                                "commit "
                                        + event.commitSha()
                                        + " is no longer the head of "
                                        + event.branch()
                                        + " (now "
                                        + head.get()
                                        + "): the newer push deploys that one";
                        LOG.info(
                                "push {} skipped on service {}: {}",
                                event.deliveryId(),
                                serviceId,
                                reason);
                        skipped.add(new SkippedService(serviceId, reason));
                    } else {
                        atTheHead.add(serviceId);
                    }
                });
        return atTheHead;
    }

    /**
     * The branch head as the service region's deployer reads it, or empty when it cannot be read
     * (repository unreachable, deployer not polling): then the push deploys anyway, availability
     * coming before ordering, and the latest-wins start still cancels whatever runs.
     */
    private Promise<Optional<String>> headOf(BranchSource source) {
        SourceActivities deployer =
                Workflow.newActivityStub(
                        SourceActivities.class,
                        PushActivityOptions.branchHead(
                                TaskQueues.deployer(Region.of(source.region()))));
        return Async.function(
                        deployer::resolveBranchHead,
                        new ResolveBranchHeadRequest(
                                source.sourceKind(),
                                source.repository(),
                                source.installationId(),
                                source.branch()))
                .handle(
                        (head, failure) -> {
                            if (failure == null) {
                                return Optional.of(head.commitSha());
                            }
                            LOG.warn(
                                    "head of {} in {} unknown, deploying the push anyway: {}",
                                    source.branch(),
                                    source.repository(),
                                    messageOf(failure));
                            return Optional.empty();
                        });
    }

    /** Rethrows what a retry may still fix; otherwise the service is skipped, saying why. */
    private SkippedService notDeployed(PushEvent event, String serviceId, ActivityFailure e) {
        if (!isFinal(e)) {
            throw e;
        }
        String reason = ((ApplicationFailure) e.getCause()).getOriginalMessage();
        LOG.warn("push {} not deployed on service {}: {}", event.deliveryId(), serviceId, reason);
        return new SkippedService(serviceId, reason);
    }

    private static String messageOf(RuntimeException failure) {
        return failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
    }

    private static boolean isFinal(ActivityFailure e) {
        return e.getCause() instanceof ApplicationFailure app && app.isNonRetryable();
    }
}
