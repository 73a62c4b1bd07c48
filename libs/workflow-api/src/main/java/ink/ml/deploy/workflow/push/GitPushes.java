package ink.ml.deploy.workflow.push;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Objects;

/**
 * Starts {@link GitPushWorkflow} for a push from any source (the GitHub webhook in graphql and in
 * deployer-server, the git-server), with the id {@code push-{source}-{delivery}} on queue {@code
 * default}. The id is never reused, not even after the first run has finished, so a redelivery of
 * the same push starts nothing, however late it comes.
 */
public final class GitPushes {
    private final WorkflowClient client;

    /**
     * @param client a client with the platform's encrypting data converter, so the push (repo and
     *     branch names) reaches the Temporal server sealed
     */
    public GitPushes(WorkflowClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * @throws GitPushNotStartedException when Temporal did not take the push (unreachable,
     *     refused): nothing runs, the sender should deliver again later
     */
    public PushStart start(PushEvent event) {
        String workflowId =
                WorkflowIds.gitPush(
                        PushSource.fromValue(event.source()), DeliveryId.of(event.deliveryId()));
        GitPushWorkflow workflow =
                client.newWorkflowStub(
                        GitPushWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(workflowId)
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy
                                                .WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                                .build());
        try {
            WorkflowClient.start(workflow::handle, event);
            return new PushStart(workflowId, true);
        } catch (WorkflowExecutionAlreadyStarted e) {
            return new PushStart(workflowId, false);
        } catch (RuntimeException e) {
            throw new GitPushNotStartedException(workflowId, e);
        }
    }
}
