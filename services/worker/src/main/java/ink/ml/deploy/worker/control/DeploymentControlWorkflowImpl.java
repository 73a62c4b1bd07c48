package ink.ml.deploy.worker.control;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.control.BranchSourceRequest;
import ink.ml.deploy.workflow.control.CancelDeploymentRequest;
import ink.ml.deploy.workflow.control.CancellationWatchWorkflow;
import ink.ml.deploy.workflow.control.ControlActivities;
import ink.ml.deploy.workflow.control.ControlOutcome;
import ink.ml.deploy.workflow.control.ControlRequest;
import ink.ml.deploy.workflow.control.DeploymentControlWorkflow;
import ink.ml.deploy.workflow.control.StartControlledDeploymentRequest;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

/**
 * One API request about deployments. A deploy of the newest commit first asks the service's cluster
 * for its branch head (credentials stay there), then takes the same latest-wins path as a push. A
 * refusal (not found, conflict, unknown branch) fails the workflow with the activity's typed
 * failure, which the API turns back into the platform's error.
 */
public class DeploymentControlWorkflowImpl implements DeploymentControlWorkflow {
    /**
     * Version marker: runs started before it answer a cancellation once the deployment has stopped
     * (tens of seconds while a build notices), later runs once the cancellation is requested and
     * recorded, leaving the stop to a {@link CancellationWatchWorkflow}.
     */
    static final String CANCEL_ANSWERS_ONCE_REQUESTED = "cancel-answers-once-requested";

    private final ControlActivities control =
            Workflow.newActivityStub(
                    ControlActivities.class, ControlActivityOptions.productPlane());

    @Override
    public ControlOutcome control(ControlRequest request) {
        return switch (request.action()) {
            case DEPLOY_LATEST -> deployLatest(request);
            case REDEPLOY, ROLLBACK ->
                    control.startRequestedDeployment(
                            new StartControlledDeploymentRequest(
                                    request.action(),
                                    request.userId(),
                                    null,
                                    request.deploymentId(),
                                    null));
            case CANCEL ->
                    cancel(new CancelDeploymentRequest(request.userId(), request.deploymentId()));
        };
    }

    private ControlOutcome cancel(CancelDeploymentRequest request) {
        if (Workflow.getVersion(CANCEL_ANSWERS_ONCE_REQUESTED, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            return control.cancelRequestedDeployment(request);
        }
        ControlOutcome requested = control.requestCancellation(request);
        CancellationWatchWorkflow watch =
                Workflow.newChildWorkflowStub(
                        CancellationWatchWorkflow.class, ControlActivityOptions.watch());
        Async.procedure(watch::watch, request);
        // Returning ends this run; the watch must have started by then to outlive it.
        Workflow.getWorkflowExecution(watch).get();
        return requested;
    }

    private ControlOutcome deployLatest(ControlRequest request) {
        BranchSource source =
                control.branchSource(
                        new BranchSourceRequest(request.userId(), request.serviceId()));
        SourceActivities sources =
                Workflow.newActivityStub(
                        SourceActivities.class,
                        ControlActivityOptions.branchHead(
                                TaskQueues.deployer(Region.of(source.region()))));
        BranchHead head =
                sources.resolveBranchHead(
                        new ResolveBranchHeadRequest(
                                source.sourceKind(),
                                source.repository(),
                                source.installationId(),
                                source.branch()));
        return control.startRequestedDeployment(
                new StartControlledDeploymentRequest(
                        request.action(),
                        request.userId(),
                        request.serviceId(),
                        null,
                        head.commitSha()));
    }
}
