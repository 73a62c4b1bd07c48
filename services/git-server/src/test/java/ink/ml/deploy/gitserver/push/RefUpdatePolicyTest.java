package ink.ml.deploy.gitserver.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.Test;

class RefUpdatePolicyTest {
    private static final ObjectId OLD =
            ObjectId.fromString("1111111111111111111111111111111111111111");
    private static final ObjectId NEW =
            ObjectId.fromString("2222222222222222222222222222222222222222");

    private final RefUpdatePolicy policy = new RefUpdatePolicy(Optional.of("refs/heads/main"));

    @Test
    void refusesDeletingTheDefaultBranch() {
        assertThat(policy.refusal(delete("refs/heads/main")))
                .contains("main is the default branch: it cannot be deleted");
    }

    @Test
    void allowsDeletingOtherBranchesAndTags() {
        assertThat(policy.refusal(delete("refs/heads/feature"))).isEmpty();
        assertThat(policy.refusal(delete("refs/tags/v1"))).isEmpty();
    }

    @Test
    void allowsCreatingAndUpdatingTheDefaultBranch() {
        assertThat(policy.refusal(new ReceiveCommand(ObjectId.zeroId(), NEW, "refs/heads/main")))
                .isEmpty();
        assertThat(policy.refusal(new ReceiveCommand(OLD, NEW, "refs/heads/main"))).isEmpty();
    }

    @Test
    void refusesCreatingOrUpdatingARefWithABadName() {
        assertThat(policy.refusal(new ReceiveCommand(ObjectId.zeroId(), NEW, "refs/heads/-x")))
                .contains("a branch name must not have a part (between '/') starting with '-'");
        assertThat(policy.refusal(new ReceiveCommand(OLD, NEW, "refs/meta/config"))).isPresent();
    }

    @Test
    void allowsDeletingARefWithABadNameStoredBeforeTheRulesExisted() {
        assertThat(policy.refusal(delete("refs/heads/-x"))).isEmpty();
        assertThat(policy.refusal(delete("refs/x/y"))).isEmpty();
    }

    @Test
    void withHeadNamingNoBranchAnyBranchCanBeDeleted() {
        RefUpdatePolicy detached = new RefUpdatePolicy(Optional.empty());

        assertThat(detached.refusal(delete("refs/heads/main"))).isEmpty();
    }

    @Test
    void readsTheDefaultBranchFromHead() throws Exception {
        Path dir = Files.createTempDirectory("policy").resolve("r.git");
        try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
            repo.create(true);
            repo.updateRef(Constants.HEAD).link("refs/heads/develop");

            RefUpdatePolicy read = RefUpdatePolicy.of(repo);

            assertThat(read.refusal(delete("refs/heads/develop"))).isPresent();
            assertThat(read.refusal(delete("refs/heads/main"))).isEmpty();
        }
    }

    private static ReceiveCommand delete(String refName) {
        return new ReceiveCommand(OLD, ObjectId.zeroId(), refName);
    }
}
