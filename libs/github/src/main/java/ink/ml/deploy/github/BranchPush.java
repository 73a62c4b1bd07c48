package ink.ml.deploy.github;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.GitHubRepo;
import ink.ml.deploy.domain.GitSha;
import java.util.Objects;

/**
 * A {@code push} that moved a branch to a new commit: the only push that deploys. Pushes that
 * delete a branch or touch tags become an {@link IgnoredEvent}.
 *
 * @param repository {@code repository.full_name}
 * @param branch the short name from {@code ref} ({@code refs/heads/<branch>})
 * @param commit {@code after}, the branch's new head
 */
public record BranchPush(
        DeliveryId delivery, GitHubRepo repository, GitBranch branch, GitSha commit)
        implements GitHubEvent {
    public BranchPush {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
    }
}
