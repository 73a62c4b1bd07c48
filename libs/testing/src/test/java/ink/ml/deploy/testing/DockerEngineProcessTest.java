package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private Docker engine from Debian's docker.io; skipped where it is not installed (not in CI).
 */
class DockerEngineProcessTest {
    @Test
    void closeLeavesNothingBehindEvenAfterAHostNetworkContainer(@TempDir Path image)
            throws Exception {
        RealParts.require(StaticBusybox.unavailableReason());
        Path directory;
        try (DockerEngineProcess engine = DockerEngineProcess.startOrSkip()) {
            directory = engine.directory();
            Files.copy(StaticBusybox.PATH, image.resolve("busybox"));
            Path tar = image.resolve("image.tar");
            run(List.of("tar", "-C", image.toString(), "-cf", tar.toString(), "busybox"));
            run(engine.command("import", tar.toString(), "local/busybox:test"));
            // dockerd bind-mounts the host's network namespace for this and keeps it mounted.
            String answer =
                    run(
                            engine.command(
                                    "run",
                                    "--rm",
                                    "--network",
                                    "host",
                                    "local/busybox:test",
                                    "/busybox",
                                    "echo",
                                    "ran"));
            assertThat(answer).contains("ran");
        }

        assertThat(directory).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mounts")))
                .doesNotContain(directory.toString());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
