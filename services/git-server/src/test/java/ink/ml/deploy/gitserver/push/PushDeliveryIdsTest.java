package ink.ml.deploy.gitserver.push;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.InternalRepoPath;
import org.junit.jupiter.api.Test;

class PushDeliveryIdsTest {
    private static final InternalRepoPath REPO = InternalRepoPath.parse("alice/shop/web");
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void theSameBranchUpdateAlwaysGetsTheSameId() {
        assertThat(PushDeliveryIds.of(REPO, "refs/heads/main", SHA))
                .isEqualTo(PushDeliveryIds.of(REPO, "refs/heads/main", SHA));
        assertThat(PushDeliveryIds.of(REPO, "refs/heads/main", SHA).value())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anotherRepoBranchOrCommitGetsAnotherId() {
        String id = PushDeliveryIds.of(REPO, "refs/heads/main", SHA).value();

        assertThat(
                        PushDeliveryIds.of(
                                        InternalRepoPath.parse("alice/shop/api"),
                                        "refs/heads/main",
                                        SHA)
                                .value())
                .isNotEqualTo(id);
        assertThat(PushDeliveryIds.of(REPO, "refs/heads/staging", SHA).value()).isNotEqualTo(id);
        assertThat(PushDeliveryIds.of(REPO, "refs/heads/main", SHA.replace('0', '1')).value())
                .isNotEqualTo(id);
    }
}
