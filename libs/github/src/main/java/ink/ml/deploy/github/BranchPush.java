package ink.ml.deploy.github;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.GitHubRepo;
import ink.ml.deploy.domain.GitSha;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A {@code push} that moved a branch to a new commit: the only push that deploys. Pushes that
 * delete a branch or touch tags become an {@link IgnoredEvent}.
 *
 * @param delivery {@code X-GitHub-Delivery}, for logs: the signature does not cover it
 * @param repository {@code repository.full_name}
 * @param branch the short name from {@code ref} ({@code refs/heads/<branch>})
 * @param before {@code before}, the branch's head until this push (zeros for a new branch)
 * @param commit {@code after}, the branch's new head
 */
public record BranchPush(
        DeliveryId delivery, GitHubRepo repository, GitBranch branch, GitSha before, GitSha commit)
        implements GitHubEvent {
    public BranchPush {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(commit, "commit");
    }

    /**
     * The id of this push whatever delivery carries it: SHA-256 (hex) of repository, branch, before
     * and after, all covered by the signature. A delivery id can be changed by anyone who captured
     * a signed body, so it cannot be what dedupes a push. {@code before} tells a branch reset back
     * to an earlier commit from the push that first brought that commit.
     */
    public DeliveryId pushId() {
        String signedContent =
                String.join(
                        "\n",
                        repository.toString(),
                        branch.value(),
                        before.value(),
                        commit.value());
        return DeliveryId.of(HexFormat.of().formatHex(sha256(signedContent)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
