package ink.ml.deploy.workflow.git;

import io.temporal.activity.ActivityInterface;

/**
 * The git-server's side of a revocation (queue {@code git-server-{region}}), implemented by the
 * git-server over its list on disk.
 */
@ActivityInterface
public interface GitTokenRevocationActivities {
    /**
     * Adds the token to the list the git-server checks every token against, durably (it survives a
     * restart), before returning. Idempotent: adding a token already listed changes nothing.
     */
    void addRevokedToken(RevokedGitToken token);
}
