package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbandonedCheckoutsTest {
    @TempDir Path checkouts;

    @Test
    void deletesTheCheckoutsOfDeadWorkersAndOfItsOwnPidButLeavesLiveWorkersAndOtherFilesAlone()
            throws IOException {
        Path dead = checkout("deployer-101");
        Path own = checkout("deployer-7");
        Path live = checkout("deployer-202");
        Path unrelated = Files.createDirectories(checkouts.resolve("something-else"));
        Path notAPid = Files.createDirectories(checkouts.resolve("deployer-abc"));

        var deleted = AbandonedCheckouts.delete(checkouts, 7, Set.of(7L, 202L)::contains);

        assertThat(deleted).containsExactlyInAnyOrder(dead, own);
        assertThat(dead).doesNotExist();
        assertThat(own).doesNotExist();
        assertThat(live.resolve("checkout-1/Dockerfile")).exists();
        assertThat(unrelated).exists();
        assertThat(notAPid).exists();
    }

    @Test
    void aMissingCheckoutsDirectoryHasNothingToDelete() {
        assertThat(AbandonedCheckouts.delete(checkouts.resolve("none"), 7, pid -> false)).isEmpty();
    }

    @Test
    void thisProcessClonesUnderItsOwnPid() {
        assertThat(AbandonedCheckouts.ownDirectory(checkouts))
                .isEqualTo(checkouts.resolve("deployer-" + ProcessHandle.current().pid()));
    }

    private Path checkout(String worker) throws IOException {
        Path dir = Files.createDirectories(checkouts.resolve(worker).resolve("checkout-1"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        return checkouts.resolve(worker);
    }
}
