package ink.ml.deploy.gitserver.revocations;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.git.GitTokenRevocationActivities;
import ink.ml.deploy.workflow.git.RevokeGitTokenRequest;
import ink.ml.deploy.workflow.git.RevokeGitTokenWorkflow;
import ink.ml.deploy.workflow.git.RevokedGitToken;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Stands in for the product plane's worker (services/worker {@code RevokeGitTokenWorkflowImpl}),
 * which the git-server's tests do not run: it hands the revocation to the git-server's queue the
 * same way, so the test sees the real git-server worker take it.
 */
public class StandInRevocationWorkflow implements RevokeGitTokenWorkflow {
    @Override
    public void publish(RevokeGitTokenRequest request) {
        Workflow.newActivityStub(
                        GitTokenRevocationActivities.class,
                        ActivityOptions.newBuilder()
                                .setTaskQueue(
                                        TaskQueues.gitServer(Region.of(request.gitServerRegion())))
                                .setStartToCloseTimeout(Duration.ofSeconds(30))
                                .build())
                .addRevokedToken(new RevokedGitToken(request.tokenId(), request.expiresAt()));
    }
}
