package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.deploy.AppendEventRequest;
import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotRequest;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotResult;
import ink.ml.deploy.workflow.deploy.DeployOutcome;
import ink.ml.deploy.workflow.deploy.DeployRequest;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import ink.ml.deploy.workflow.deploy.DeploymentPlan;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import ink.ml.deploy.workflow.deploy.LoadPlanRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusRequest;
import ink.ml.deploy.workflow.deploy.RecordImageRequest;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One deployment, queued to active: build on the region's deployer queue (unless it reuses an
 * image) once one of the user's build slots is free, apply the workload, wait for the rollout.
 * Every step moves the status or appends an event; build output arrives by signal (its tail with
 * the build's result) and is stored in order by a writer that outlives a cancellation.
 *
 * <p>Ends in one of three ways. Failed: a {@link ink.ml.deploy.workflow.StepFailure} names the step
 * and the user's fix, anything else is reported as the platform's. Cancelled (a newer deployment or
 * the service's deletion took over): the running step is stopped and waited for, then the
 * deployment is marked cancelled and the workflow ends cancelled. Stale: the database refused a
 * status move because a newer run already moved on; the workflow stops without writing anything.
 */
public class DeployServiceWorkflowImpl implements DeployServiceWorkflow {
    private static final Logger LOG = Workflow.getLogger(DeployServiceWorkflowImpl.class);

    /**
     * Version marker: runs started before it record the image and the {@code build:succeeded} event
     * in two activities, later runs in one (a database round trip less per build).
     */
    static final String IMAGE_AND_BUILT_EVENT_TOGETHER = "image-and-built-event-together";

    /**
     * Version marker: runs started before it write to the database through activities dispatched by
     * the Temporal server, later runs through local activities (a server round trip less per write;
     * about ten writes per deployment).
     */
    static final String DATABASE_WRITES_AS_LOCAL_ACTIVITIES = "database-writes-as-local-activities";

    /**
     * Version marker: runs started before it move to building straight away, later runs first take
     * one of the user's build slots, waiting queued while none is free.
     */
    static final String BUILD_SLOTS_PER_USER = "build-slots-per-user";

    /** Chosen once at the start of the run, by {@link #DATABASE_WRITES_AS_LOCAL_ACTIVITIES}. */
    private DeploymentRecordActivities records;

    private final BuildLogBuffer buildLog = new BuildLogBuffer();

    /** Events this run has asked to write, which numbers each one's key. */
    private int eventsWritten;

    /** The step in progress, named in a failure that carries no step of its own. */
    private DeploymentStep step = DeploymentStep.QUEUED;

    @Override
    public void buildOutput(BuildOutput output) {
        buildLog.add(output);
    }

    @Override
    public DeployOutcome deploy(DeployRequest request) {
        String deploymentId = request.deploymentId();
        records = recordActivities();
        Promise<Void> logWriter = startLogWriter(deploymentId);
        DeployOutcome outcome;
        try {
            outcome = run(deploymentId);
        } catch (ActivityFailure | CanceledFailure e) {
            if (CancellationScope.current().isCancelRequested()) {
                // The running step has stopped (activities wait for their cancellation); record
                // the end outside the cancelled scope, where activities can still run.
                Workflow.newDetachedCancellationScope(
                                () -> {
                                    finishBuildLog(deploymentId, logWriter);
                                    markCancelled(deploymentId);
                                })
                        .run();
                throw new CanceledFailure("deployment " + deploymentId + " was cancelled");
            }
            if (!(e instanceof ActivityFailure activityFailure)) {
                throw e;
            }
            outcome = ended(deploymentId, activityFailure);
        }
        finishBuildLog(deploymentId, logWriter);
        return outcome;
    }

    private static DeploymentRecordActivities recordActivities() {
        if (Workflow.getVersion(DATABASE_WRITES_AS_LOCAL_ACTIVITIES, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            return Workflow.newActivityStub(
                    DeploymentRecordActivities.class, DeployActivityOptions.records());
        }
        return Workflow.newLocalActivityStub(
                DeploymentRecordActivities.class, DeployActivityOptions.localRecords());
    }

    private DeployOutcome run(String deploymentId) {
        DeploymentPlan plan = records.loadPlan(new LoadPlanRequest(deploymentId));
        String deployerQueue = TaskQueues.deployer(Region.of(plan.target().region()));
        String image = plan.needsBuild() ? build(plan, deployerQueue) : plan.image();

        step = DeploymentStep.DEPLOY;
        mark(
                deploymentId,
                DeploymentStatus.DEPLOYING,
                plan.needsBuild()
                        ? "Deploying " + image
                        : "Rolling back to " + image + " (an earlier build: nothing to build)");
        WorkloadActivities apply =
                Workflow.newActivityStub(
                        WorkloadActivities.class, DeployActivityOptions.apply(deployerQueue));
        apply.applyWorkload(
                new ApplyWorkloadRequest(
                        deploymentId,
                        plan.target().userId(),
                        plan.target().project(),
                        plan.target().service(),
                        image,
                        plan.runtime().port(),
                        plan.runtime().memoryMi(),
                        plan.runtime().milliCpu(),
                        plan.runtime().env()));
        event(deploymentId, DeploymentStep.DEPLOY, EventStatus.SUCCEEDED, "Workload applied");

        step = DeploymentStep.ROLLOUT;
        event(
                deploymentId,
                DeploymentStep.ROLLOUT,
                EventStatus.STARTED,
                "Waiting for the new pods to answer on port " + plan.runtime().port());
        WorkloadActivities rollout =
                Workflow.newActivityStub(
                        WorkloadActivities.class, DeployActivityOptions.rollout(deployerQueue));
        RolloutResult ready =
                rollout.awaitRollout(
                        new RolloutRequest(
                                deploymentId,
                                plan.target().userId(),
                                plan.target().project(),
                                plan.target().service(),
                                plan.runtime().port()));
        event(
                deploymentId,
                DeploymentStep.ROLLOUT,
                EventStatus.SUCCEEDED,
                ready.readyReplicas() + " of the new pods ready");

        step = DeploymentStep.ACTIVE;
        // The platform supersedes the service's previous live deployment in the same move.
        mark(deploymentId, DeploymentStatus.ACTIVE, "Live: serving " + image);
        return DeployOutcome.ended(deploymentId, DeploymentStatus.ACTIVE);
    }

    /** Clone, build and push on the cluster; returns the pushed image. */
    private String build(DeploymentPlan plan, String deployerQueue) {
        String deploymentId = plan.deploymentId();
        step = DeploymentStep.BUILD;
        String building =
                "Building commit "
                        + plan.source().commitSha()
                        + " of "
                        + plan.source().repository()
                        + " ("
                        + plan.source().branch()
                        + ")";
        if (Workflow.getVersion(BUILD_SLOTS_PER_USER, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            mark(deploymentId, DeploymentStatus.BUILDING, building);
        } else {
            awaitBuildSlot(deploymentId, building);
        }
        BuildActivities builder =
                Workflow.newActivityStub(
                        BuildActivities.class, DeployActivityOptions.build(deployerQueue));
        BuildResult built =
                builder.buildImage(
                        new BuildRequest(
                                deploymentId,
                                Workflow.getInfo().getWorkflowId(),
                                plan.source().kind(),
                                plan.source().repository(),
                                plan.source().installationId(),
                                plan.source().commitSha(),
                                plan.build().rootDirectory(),
                                plan.build().dockerfilePath(),
                                plan.build().strategy(),
                                plan.build().installCommand(),
                                plan.build().buildCommand(),
                                plan.build().startCommand(),
                                plan.image()));
        if (built.trailingOutput() != null) {
            buildLog.add(built.trailingOutput());
        }
        String builtMessage =
                built.reused()
                        ? "The registry already had " + built.imageRef() + ": nothing to build"
                        : "Built and pushed " + built.imageRef();
        if (Workflow.getVersion(IMAGE_AND_BUILT_EVENT_TOGETHER, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            records.recordImage(new RecordImageRequest(deploymentId, built.imageRef()));
            event(deploymentId, DeploymentStep.BUILD, EventStatus.SUCCEEDED, builtMessage);
        } else {
            records.recordImage(
                    new RecordImageRequest(deploymentId, built.imageRef(), builtMessage));
        }
        if (built.exposedPort() != null && built.exposedPort() != plan.runtime().port()) {
            event(
                    deploymentId,
                    DeploymentStep.BUILD,
                    EventStatus.INFO,
                    "The Dockerfile exposes port "
                            + built.exposedPort()
                            + " but the service is set to port "
                            + plan.runtime().port()
                            + ", where traffic goes: if the app listens on "
                            + built.exposedPort()
                            + ", change the service's port.");
        }
        return built.imageRef();
    }

    /**
     * Takes one of the user's build slots, which moves the deployment to building. While none is
     * free it stays queued: the first refusal is told in an event, then it asks again after the
     * wait the worker's settings give (growing, bounded). A cancellation meanwhile ends the wait; a
     * slot frees whenever another of the user's builds leaves building, however it ended.
     */
    private void awaitBuildSlot(String deploymentId, String buildingMessage) {
        for (int attempt = 0; ; attempt++) {
            ClaimBuildSlotResult slot =
                    records.claimBuildSlot(
                            new ClaimBuildSlotRequest(
                                    deploymentId, attempt, step, buildingMessage));
            if (slot.claimed()) {
                return;
            }
            if (attempt == 0) {
                event(
                        deploymentId,
                        DeploymentStep.QUEUED,
                        EventStatus.INFO,
                        "Waiting for a build slot: "
                                + slot.running()
                                + " of your builds are running (at most "
                                + slot.limit()
                                + " at a time); this one starts when one of them ends");
            }
            Workflow.sleep(Duration.ofMillis(slot.retryAfterMillis()));
        }
    }

    /**
     * The deployment failed, or a newer run made this one stale. A stale run stops quietly: the
     * database already holds a newer truth.
     */
    private DeployOutcome ended(String deploymentId, ActivityFailure failure) {
        Optional<DeploymentStatus> stale = FailureReason.staleStatus(failure);
        if (stale.isPresent()) {
            LOG.info("deployment {} is {}: this run stops", deploymentId, stale.get());
            return DeployOutcome.ended(deploymentId, stale.get());
        }
        FailureReason reason = FailureReason.of(failure, step);
        try {
            records.markStatus(
                    MarkStatusRequest.failed(deploymentId, reason.step(), reason.message()));
        } catch (ActivityFailure e) {
            Optional<DeploymentStatus> staleNow = FailureReason.staleStatus(e);
            if (staleNow.isEmpty()) {
                throw e;
            }
            return DeployOutcome.ended(deploymentId, staleNow.get());
        }
        return DeployOutcome.failed(deploymentId, reason.step(), reason.message());
    }

    private void markCancelled(String deploymentId) {
        try {
            records.markStatus(
                    MarkStatusRequest.cancelled(
                            deploymentId,
                            "Cancelled before it went live: a newer deployment of the service, or"
                                    + " its deletion, replaced it"));
        } catch (ActivityFailure e) {
            if (FailureReason.staleStatus(e).isEmpty()) {
                throw e;
            }
        }
    }

    private void mark(String deploymentId, DeploymentStatus status, String message) {
        records.markStatus(MarkStatusRequest.moving(deploymentId, status, step, message));
    }

    private void event(
            String deploymentId, DeploymentStep eventStep, EventStatus status, String message) {
        // The key is the same in a replay (the run id and a count, both deterministic): an event
        // whose write ran before the worker died, unrecorded, is not stored twice when it runs
        // again. Not Workflow.randomUUID(): local activity ids come from the same random source,
        // and drawing from it would make recorded histories fail to replay.
        eventsWritten++;
        records.appendEvent(
                new AppendEventRequest(
                        deploymentId,
                        eventStep,
                        status,
                        message,
                        Workflow.getInfo().getRunId() + "/" + eventsWritten));
    }

    /**
     * Stores build output as it arrives. Detached from the workflow's cancellation: output that
     * came in before a cancellation is still stored.
     */
    private Promise<Void> startLogWriter(String deploymentId) {
        @SuppressWarnings("unchecked")
        Promise<Void>[] writer = new Promise[1];
        Workflow.newDetachedCancellationScope(
                        () -> writer[0] = Async.procedure(() -> writeBuildLog(deploymentId)))
                .run();
        return writer[0];
    }

    private void writeBuildLog(String deploymentId) {
        while (true) {
            Workflow.await(() -> buildLog.hasPending() || buildLog.isClosed());
            if (!buildLog.hasPending()) {
                return;
            }
            records.appendBuildLog(buildLog.takeBatch(deploymentId));
        }
    }

    /** Every line received is stored before the workflow ends. */
    private void finishBuildLog(String deploymentId, Promise<Void> writer) {
        buildLog.close();
        try {
            writer.get();
            // Output delivered in the same workflow task as the writer's end.
            while (buildLog.hasPending()) {
                records.appendBuildLog(buildLog.takeBatch(deploymentId));
            }
        } catch (ActivityFailure e) {
            // The log is not worth failing a deployment for; the database was away too long.
            LOG.warn("build output of deployment {} could not be stored in full", deploymentId);
        }
    }
}
