package ink.ml.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.GitHubRepo;
import ink.ml.deploy.domain.GitSha;
import org.junit.jupiter.api.Test;

class BranchPushTest {
    private static final String ZEROS = "0".repeat(40);
    private static final String A = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
    private static final String B = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

    @Test
    void theSamePushHasTheSameIdWhateverDeliveryCarriesIt() {
        assertThat(push("d-1", "octo/shop", "main", ZEROS, A).pushId())
                .isEqualTo(push("d-2", "octo/shop", "main", ZEROS, A).pushId());
    }

    @Test
    void anotherRepositoryBranchOrCommitIsAnotherPush() {
        DeliveryId id = push("d", "octo/shop", "main", ZEROS, A).pushId();

        assertThat(push("d", "octo/shop-2", "main", ZEROS, A).pushId()).isNotEqualTo(id);
        assertThat(push("d", "octo/shop", "staging", ZEROS, A).pushId()).isNotEqualTo(id);
        assertThat(push("d", "octo/shop", "main", ZEROS, B).pushId()).isNotEqualTo(id);
    }

    @Test
    void aBranchResetBackToAnEarlierCommitIsANewPush() {
        DeliveryId first = push("d", "octo/shop", "main", ZEROS, A).pushId();
        DeliveryId resetFromB = push("d", "octo/shop", "main", B, A).pushId();

        assertThat(resetFromB).isNotEqualTo(first);
    }

    @Test
    void theIdIsAHexDigestThatFitsAWorkflowId() {
        assertThat(push("d", "octo/shop", "release/2026-11", ZEROS, A).pushId().value())
                .matches("[0-9a-f]{64}");
    }

    private static BranchPush push(
            String delivery, String repository, String branch, String before, String after) {
        return new BranchPush(
                DeliveryId.of(delivery),
                GitHubRepo.parse(repository),
                GitBranch.of(branch),
                GitSha.of(before),
                GitSha.of(after));
    }
}
