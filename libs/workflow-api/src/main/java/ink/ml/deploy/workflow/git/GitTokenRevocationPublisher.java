package ink.ml.deploy.workflow.git;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Objects;

/**
 * Starts {@link RevokeGitTokenWorkflow} on queue {@code default}. The id is the token's, so a
 * second revocation while the first is still being published joins it; once that has finished, a
 * second revocation publishes again (harmless: the git-server's activity is idempotent), which is
 * also how to restore a git-server's list from the product plane's.
 */
public final class GitTokenRevocationPublisher {
    private final WorkflowClient client;

    /**
     * @param client a client with the platform's encrypting data converter
     */
    public GitTokenRevocationPublisher(WorkflowClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * @return the workflow id
     * @throws RuntimeException from the Temporal client when Temporal did not take the start
     */
    public String publish(RevokeGitTokenRequest request) {
        String workflowId = WorkflowIds.revokeGitToken(request.tokenId());
        RevokeGitTokenWorkflow workflow =
                client.newWorkflowStub(
                        RevokeGitTokenWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(workflowId)
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy
                                                .WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                                .build());
        try {
            WorkflowClient.start(workflow::publish, request);
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Being published already.
        }
        return workflowId;
    }
}
