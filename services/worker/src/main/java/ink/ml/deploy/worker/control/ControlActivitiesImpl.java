package ink.ml.deploy.worker.control;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.worker.deploy.InFlightDeployments;
import ink.ml.deploy.worker.deploy.LatestWinsStarts;
import ink.ml.deploy.worker.source.TrackedBranches;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.control.BranchSourceRequest;
import ink.ml.deploy.workflow.control.CancelDeploymentRequest;
import ink.ml.deploy.workflow.control.ControlActivities;
import ink.ml.deploy.workflow.control.ControlFailures;
import ink.ml.deploy.workflow.control.ControlOutcome;
import ink.ml.deploy.workflow.control.StartControlledDeploymentRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The control workflow's product-plane side. Everything is checked for the caller before the
 * service's in-flight deployment is cancelled, so a refused request stops nothing. Refusals become
 * the non-retryable {@link ControlFailures}; anything else (a database that is away) is retried.
 */
@ApplicationScoped
public class ControlActivitiesImpl implements ControlActivities {
    private final Services services;
    private final Deployments deployments;
    private final TrackedBranches trackedBranches;
    private final LatestWinsStarts starts;
    private final InFlightDeployments inFlight;

    public ControlActivitiesImpl(
            Services services,
            Deployments deployments,
            TrackedBranches trackedBranches,
            LatestWinsStarts starts,
            InFlightDeployments inFlight) {
        this.services = services;
        this.deployments = deployments;
        this.trackedBranches = trackedBranches;
        this.starts = starts;
        this.inFlight = inFlight;
    }

    @Override
    public BranchSource branchSource(BranchSourceRequest request) {
        return refusalsAsFailures(
                () -> trackedBranches.of(Caller.of(request.userId()), request.serviceId()));
    }

    /**
     * Idempotent across retries: once recorded, the deployment's id is kept in the heartbeat
     * details, so a retry (after the record, before the workflow start) only starts the workflow
     * instead of cancelling the deployment it has just recorded.
     */
    @Override
    public ControlOutcome startRequestedDeployment(StartControlledDeploymentRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Optional<String> recorded = context.getHeartbeatDetails(String.class);
        String deploymentId =
                recorded.orElseGet(
                        () -> {
                            String id = refusalsAsFailures(() -> record(request)).id();
                            context.heartbeat(id);
                            return id;
                        });
        starts.startWorkflow(UUID.fromString(deploymentId));
        return new ControlOutcome(deploymentId);
    }

    @Override
    public ControlOutcome cancelRequestedDeployment(CancelDeploymentRequest request) {
        DeploymentView deployment =
                refusalsAsFailures(
                        () ->
                                deployments.cancellable(
                                        Caller.of(request.userId()), request.deploymentId()));
        inFlight.cancelAndAwaitDeployment(
                UUID.fromString(deployment.id()), ControlActivitiesImpl::heartbeat);
        return new ControlOutcome(deployment.id());
    }

    /**
     * Idempotent across retries: once the request is recorded, the deployment's id is kept in the
     * heartbeat details, so a retry asks the deploy workflow to stop again (harmless) without a
     * second event.
     */
    @Override
    public ControlOutcome requestCancellation(CancelDeploymentRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        String deploymentId =
                context.getHeartbeatDetails(String.class)
                        .orElseGet(
                                () -> {
                                    String id = recordCancellationRequest(request);
                                    context.heartbeat(id);
                                    return id;
                                });
        inFlight.requestCancellation(UUID.fromString(deploymentId));
        return new ControlOutcome(deploymentId);
    }

    @Override
    public void awaitStopped(CancelDeploymentRequest request) {
        inFlight.awaitStopped(
                UUID.fromString(request.deploymentId()), ControlActivitiesImpl::heartbeat);
    }

    private String recordCancellationRequest(CancelDeploymentRequest request) {
        Caller caller = Caller.of(request.userId());
        return refusalsAsFailures(
                        () -> deployments.recordCancellationRequest(caller, request.deploymentId()))
                .id();
    }

    private DeploymentView record(StartControlledDeploymentRequest request) {
        Caller caller = Caller.of(request.userId());
        return switch (request.action()) {
            case DEPLOY_LATEST -> {
                ServiceView service = services.get(caller, request.serviceId());
                UUID serviceId = UUID.fromString(service.id());
                GitSha commit = GitSha.of(request.commitSha());
                yield starts.record(
                        serviceId,
                        () -> deployments.record(caller, NewDeployment.api(serviceId, commit)),
                        ControlActivitiesImpl::heartbeat);
            }
            case REDEPLOY -> {
                DeploymentView earlier = deployments.get(caller, request.deploymentId());
                ServiceView service = services.get(caller, earlier.serviceId());
                yield starts.record(
                        UUID.fromString(service.id()),
                        () -> deployments.redeploy(caller, earlier.id()),
                        ControlActivitiesImpl::heartbeat);
            }
            case ROLLBACK -> {
                DeploymentView earlier = deployments.rollbackTarget(caller, request.deploymentId());
                yield starts.record(
                        UUID.fromString(earlier.serviceId()),
                        () -> deployments.rollback(caller, earlier.id()),
                        ControlActivitiesImpl::heartbeat);
            }
            case CANCEL ->
                    throw ControlFailures.invalid("action", "a cancellation records no deployment");
        };
    }

    /** The platform's refusals, as failures the API turns back into the same refusals. */
    private static <T> T refusalsAsFailures(Supplier<T> work) {
        try {
            return work.get();
        } catch (NotFoundException e) {
            throw ControlFailures.notFound(e.kind(), e.reference());
        } catch (ConflictException e) {
            throw ControlFailures.conflict(e.field(), e.reason());
        } catch (InvalidValueException e) {
            throw ControlFailures.invalid(e.field(), e.rule());
        }
    }

    private static void heartbeat() {
        Activity.getExecutionContext().heartbeat(null);
    }
}
