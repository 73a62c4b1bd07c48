package ink.ml.deploy.deployer.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitBinaryTest {
    @TempDir Path dir;

    @Test
    void findsANameOnThePathAndSkipsWhatIsNotExecutable() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Files.writeString(first.resolve("git"), "not executable");
        Path git = Files.writeString(second.resolve("git"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(GitBinary.find("git", first + ":" + second)).contains(git);
    }

    @Test
    void absolutePathIsTakenAsGivenAndAMissingBinaryIsNotFound() throws IOException {
        Path git = Files.writeString(dir.resolve("my-git"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(GitBinary.find(git.toString(), null)).contains(git);
        assertThat(GitBinary.find(dir.resolve("absent").toString(), null)).isEmpty();
        assertThat(GitBinary.find("git", dir.toString())).isEmpty();
        assertThat(GitBinary.find("git", null)).isEmpty();
    }
}
