package ink.ml.deploy.workflow.source;

import io.temporal.activity.ActivityInterface;

/**
 * Questions about a service's repository, answered by the deployer-worker of the service's region
 * (queue {@code deployer-{region}}): it holds the GitHub App key and the git-server's token, so
 * repository credentials never leave the cluster.
 */
@ActivityInterface
public interface SourceActivities {
    /** Non-retryable: the branch does not exist, or the repository cannot be read at all. */
    String BRANCH_NOT_FOUND = "BranchNotFound";

    /**
     * The commit the branch points to now, read with {@code git ls-remote}.
     *
     * @throws io.temporal.failure.ApplicationFailure {@link #BRANCH_NOT_FOUND}, or {@code
     *     CloneFailed} when the repository is unknown or unreadable
     */
    BranchHead resolveBranchHead(ResolveBranchHeadRequest request);
}
