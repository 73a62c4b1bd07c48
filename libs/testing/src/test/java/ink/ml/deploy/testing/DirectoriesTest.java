package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir Path temp;

    @Test
    void deletesATreeDeepestFirstAndToleratesAMissingOne() throws IOException {
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("a/b/file"), "x");
        Files.writeString(tree.resolve("top"), "y");

        Directories.delete(tree);
        Directories.delete(tree);

        assertThat(tree).doesNotExist();
    }

    @Test
    void recreateLeavesAnEmptyDirectory() throws IOException {
        Path logs = temp.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("old.log"), "stale");

        assertThat(Directories.recreate(logs)).isEmptyDirectory();
    }
}
