package ink.ml.deploy.control;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.RollbackTargets;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.control.ControlAction;
import ink.ml.deploy.workflow.control.ControlOutcome;
import ink.ml.deploy.workflow.control.ControlRequest;
import ink.ml.deploy.workflow.control.DeploymentControlWorkflow;
import ink.ml.deploy.workflow.delete.DeleteServiceRequest;
import ink.ml.deploy.workflow.delete.DeleteServiceWorkflow;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deploy, redeploy, roll back, cancel and delete for the APIs (GraphQL and MCP), so agents and
 * dashboards get the same rules.
 *
 * <p>Each method first checks the request for the caller through libs/platform, read-only: another
 * user's id is {@link NotFoundException}, a request the state refuses is {@link ConflictException},
 * both without Temporal. Then it goes through Temporal, which does every write (a {@link
 * DeploymentControlWorkflow} on queue {@code default} takes the same latest-wins path as a git
 * push, and waits for it with a bound). When Temporal cannot be reached the method throws {@link
 * ControlPlaneUnavailableException} and nothing is written anywhere.
 */
@ApplicationScoped
public class DeploymentControl {
    private final WorkflowClient client;
    private final Services services;
    private final Deployments deployments;
    private final RollbackTargets rollbackTargets;
    private final ControlConfig config;

    public DeploymentControl(
            WorkflowClient client,
            Services services,
            Deployments deployments,
            RollbackTargets rollbackTargets,
            ControlConfig config) {
        this.client = client;
        this.services = services;
        this.deployments = deployments;
        this.rollbackTargets = rollbackTargets;
        this.config = config;
    }

    /**
     * Deploys the newest commit of the service's tracked branch (read from the repository by the
     * service's cluster), cancelling the deployment in flight.
     *
     * @throws ConflictException {@code branch} or {@code repository} when the branch does not exist
     *     or the repository cannot be read
     */
    public DeploymentView deployLatest(Caller caller, UUID serviceId) {
        services.get(caller, serviceId.toString());
        return run(caller, ControlRequest.deployLatest(caller.id(), serviceId.toString()));
    }

    /** Builds and deploys an earlier deployment's commit again, with its configuration. */
    public DeploymentView redeploy(Caller caller, UUID deploymentId) {
        DeploymentView earlier = deployments.get(caller, deploymentId.toString());
        services.get(caller, earlier.serviceId());
        return run(
                caller,
                ControlRequest.forDeployment(
                        ControlAction.REDEPLOY, caller.id(), deploymentId.toString()));
    }

    /**
     * Deploys the service again: {@code deploymentId}'s commit with its configuration when given
     * (it must be of that service, else {@link NotFoundException}), otherwise the newest commit of
     * the tracked branch ({@link #deployLatest}).
     */
    public DeploymentView redeployService(Caller caller, UUID serviceId, String deploymentId) {
        if (deploymentId == null) {
            return deployLatest(caller, serviceId);
        }
        DeploymentView earlier = deployments.get(caller, deploymentId);
        services.get(caller, serviceId.toString());
        if (!earlier.serviceId().equals(serviceId.toString())) {
            throw new NotFoundException("deployment", deploymentId + " of service " + serviceId);
        }
        return redeploy(caller, UUID.fromString(earlier.id()));
    }

    /**
     * Rolls the service back to {@code deploymentId} when given, otherwise to the default target:
     * the newest earlier deployment that ran ({@link RollbackTargets}).
     *
     * @throws ConflictException {@code deploymentId} when there is no such target
     */
    public DeploymentView rollbackService(Caller caller, UUID serviceId, String deploymentId) {
        DeploymentView target = rollbackTargets.of(caller, serviceId.toString(), deploymentId);
        return rollback(caller, UUID.fromString(target.id()));
    }

    /**
     * Puts an earlier deployment's image and configuration back, without a build.
     *
     * @throws ConflictException {@code deploymentId} when that deployment is not a {@link
     *     RollbackTargets rollback target}
     */
    public DeploymentView rollback(Caller caller, UUID deploymentId) {
        deployments.rollbackTarget(caller, deploymentId.toString());
        return run(
                caller,
                ControlRequest.forDeployment(
                        ControlAction.ROLLBACK, caller.id(), deploymentId.toString()));
    }

    /**
     * Cancels a deployment in flight: returns it as soon as the cancellation is requested and
     * recorded (a {@code cancel} event), still in its status. The running step stops afterwards;
     * the deployment then becomes cancelled, with an event (or, if it got there first, whatever it
     * reached). A run that does not stop by itself is ended by the worker.
     *
     * @throws ConflictException {@code deploymentId} when it has already ended
     */
    public DeploymentView cancel(Caller caller, UUID deploymentId) {
        deployments.cancellable(caller, deploymentId.toString());
        return run(
                caller,
                ControlRequest.forDeployment(
                        ControlAction.CANCEL, caller.id(), deploymentId.toString()));
    }

    /**
     * Starts the service's deletion ({@code DeleteServiceWorkflow}: it stops new deployments,
     * cancels the one in flight, removes the workload, then marks the service deleted) and returns
     * once Temporal has accepted it. Asking again while it runs is harmless.
     */
    public void deleteService(Caller caller, UUID serviceId) {
        services.get(caller, serviceId.toString());
        DeleteServiceWorkflow workflow =
                client.newWorkflowStub(
                        DeleteServiceWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.deleteService(serviceId))
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy
                                                .WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                                .build());
        requireReachable();
        try {
            WorkflowClient.start(workflow::delete, new DeleteServiceRequest(serviceId.toString()));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Its deletion is already under way.
        } catch (RuntimeException e) {
            throw ControlPlaneUnavailableException.notStarted(e);
        }
    }

    private DeploymentView run(Caller caller, ControlRequest request) {
        String workflowId = WorkflowIds.control(UUID.randomUUID());
        DeploymentControlWorkflow workflow =
                client.newWorkflowStub(
                        DeploymentControlWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(workflowId)
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowExecutionTimeout(config.workflowTimeout())
                                .build());
        requireReachable();
        try {
            WorkflowClient.start(workflow::control, request);
        } catch (RuntimeException e) {
            throw ControlPlaneUnavailableException.notStarted(e);
        }
        ControlOutcome outcome = await(WorkflowStub.fromTyped(workflow), workflowId);
        return deployments.get(caller, outcome.deploymentId());
    }

    private ControlOutcome await(WorkflowStub stub, String workflowId) {
        try {
            return stub.getResult(
                    config.awaitTimeout().toMillis(), TimeUnit.MILLISECONDS, ControlOutcome.class);
        } catch (TimeoutException e) {
            throw ControlPlaneUnavailableException.stillRunning(workflowId);
        } catch (WorkflowFailedException e) {
            throw ControlFailureTranslation.translate(e);
        } catch (WorkflowServiceException e) {
            // Temporal went away while we waited: the request may still run.
            throw ControlPlaneUnavailableException.stillRunning(workflowId);
        } catch (WorkflowException e) {
            throw ControlPlaneUnavailableException.failed(
                    "the deployment service could not complete request " + workflowId, e);
        }
    }

    /**
     * Throws {@link ControlPlaneUnavailableException} when Temporal cannot be reached now. For a
     * mutation that writes something itself before it asks for a deployment (creating a service and
     * deploying it): checking first keeps it from writing half of the work.
     */
    public void ensureReachable() {
        requireReachable();
    }

    /**
     * One cheap health check before a start: a start against an unreachable server would retry for
     * up to a minute (the SDK's default for service calls) and might still land after the caller
     * was told it failed.
     */
    private void requireReachable() {
        HealthCheckResponse health;
        try {
            health = client.getWorkflowServiceStubs().healthCheck();
        } catch (RuntimeException e) {
            throw ControlPlaneUnavailableException.notStarted(e);
        }
        if (health.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
            throw ControlPlaneUnavailableException.notStarted(
                    new IllegalStateException("Temporal reports " + health.getStatus()));
        }
    }
}
