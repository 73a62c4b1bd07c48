package ink.ml.deploy.workflow.git;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Publishes a git token's revocation to the git-server that hosts its repository (queue {@code
 * default}, id {@code revoke-git-token-{tokenId}}): the git-server has no database, so it learns of
 * revocations only through this. Waits while the git-server is down, and gives up, with nothing
 * left to do, once the token has expired by itself.
 */
@WorkflowInterface
public interface RevokeGitTokenWorkflow {
    @WorkflowMethod
    void publish(RevokeGitTokenRequest request);
}
