package ink.ml.deploy.worker.push;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentTrigger;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.worker.deploy.LatestWinsStarts;
import ink.ml.deploy.worker.deploy.RecordFailures;
import ink.ml.deploy.worker.source.TrackedBranches;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.push.FindTrackingServicesRequest;
import ink.ml.deploy.workflow.push.PushActivities;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import ink.ml.deploy.workflow.push.StartedDeployment;
import ink.ml.deploy.workflow.push.TrackedBranchRequest;
import ink.ml.deploy.workflow.push.TrackingServices;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The push workflow's product-plane side: which services track a repository and branch, and
 * starting one deployment of the pushed commit on one of them. Latest wins: the service's in-flight
 * deployment is cancelled, and has stopped, before the new one is recorded.
 */
@ApplicationScoped
public class PushActivitiesImpl implements PushActivities {
    /** Failure type (non-retryable): the service was deleted since the push arrived. */
    public static final String SERVICE_GONE = "ServiceGone";

    private final Services services;
    private final DeploymentRecords records;
    private final LatestWinsStarts starts;
    private final TrackedBranches trackedBranches;

    public PushActivitiesImpl(
            Services services,
            DeploymentRecords records,
            LatestWinsStarts starts,
            TrackedBranches trackedBranches) {
        this.services = services;
        this.records = records;
        this.starts = starts;
        this.trackedBranches = trackedBranches;
    }

    @Override
    public TrackingServices findTrackingServices(FindTrackingServicesRequest request) {
        try {
            String sourceKind =
                    switch (PushSource.fromValue(request.source())) {
                        case GITHUB -> Service.SOURCE_GITHUB;
                        case GIT_SERVER -> Service.SOURCE_INTERNAL;
                    };
            List<UUID> tracking =
                    services.trackingServices(sourceKind, request.repository(), request.branch());
            return new TrackingServices(tracking.stream().map(UUID::toString).toList());
        } catch (IllegalArgumentException e) {
            throw RecordFailures.invalid(e);
        }
    }

    @Override
    public BranchSource trackedBranch(TrackedBranchRequest request) {
        UUID serviceId;
        try {
            serviceId = UUID.fromString(request.serviceId());
        } catch (IllegalArgumentException e) {
            throw RecordFailures.invalid(e);
        }
        try {
            return trackedBranches.ofService(serviceId);
        } catch (NotFoundException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "service " + serviceId + " was deleted", SERVICE_GONE);
        }
    }

    /**
     * Idempotent for a retry of the same push: when the service's newest deployment is already a
     * git push of this commit, that is the one this activity recorded before it was interrupted; it
     * is returned (and its workflow started if it was not yet), whatever became of it since. A new
     * push of the same commit cannot tell apart from a retry, and needs no second deployment.
     */
    @Override
    public StartedDeployment startDeployment(StartDeploymentRequest request) {
        UUID serviceId;
        GitSha commit;
        try {
            serviceId = UUID.fromString(request.serviceId());
            commit = GitSha.of(request.commitSha());
        } catch (IllegalArgumentException e) {
            throw RecordFailures.invalid(e);
        }
        DeploymentView deployment =
                alreadyRecorded(serviceId, commit).orElseGet(() -> record(serviceId, commit));
        UUID deploymentId = UUID.fromString(deployment.id());
        starts.startWorkflow(deploymentId);
        return new StartedDeployment(deployment.id(), WorkflowIds.deploy(deploymentId));
    }

    private Optional<DeploymentView> alreadyRecorded(UUID serviceId, GitSha commit) {
        return records.latestOf(serviceId)
                .filter(d -> DeploymentTrigger.GIT_PUSH.value().equals(d.trigger()))
                .filter(d -> commit.value().equals(d.commitSha()));
    }

    private DeploymentView record(UUID serviceId, GitSha commit) {
        return starts.record(
                serviceId,
                () -> {
                    try {
                        return records.recordForService(NewDeployment.gitPush(serviceId, commit));
                    } catch (NotFoundException e) {
                        throw ApplicationFailure.newNonRetryableFailure(
                                "service " + serviceId + " was deleted", SERVICE_GONE);
                    }
                },
                PushActivitiesImpl::heartbeat);
    }

    private static void heartbeat() {
        Activity.getExecutionContext().heartbeat(null);
    }
}
