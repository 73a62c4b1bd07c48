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

/** A private engine for apps: bridge networks, gVisor, and nothing left behind. */
class AppEngineProcessTest {
    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    @Test
    void runsAContainerUnderGvisorOnABridgeNetworkAndCloseLeavesNothingBehind(@TempDir Path image)
            throws Exception {
        RealParts.require(
                Files.isRegularFile(BUSYBOX), () -> "Debian's busybox-static is not installed");
        Path directory;
        String sandbox;
        try (AppEngineProcess engine = AppEngineProcess.startOrSkip()) {
            directory = engine.directory();
            Files.copy(BUSYBOX, image.resolve("busybox"));
            Path tar = image.resolve("image.tar");
            run(List.of("tar", "-C", image.toString(), "-cf", tar.toString(), "busybox"));
            run(engine.command("import", tar.toString(), "local/busybox:test"));
            run(engine.command("network", "create", "apps-test"));
            sandbox =
                    run(engine.command(
                                    "run",
                                    "-d",
                                    "--runtime",
                                    "runsc",
                                    "--network",
                                    "apps-test",
                                    "local/busybox:test",
                                    "/busybox",
                                    "sleep",
                                    "600"))
                            .trim();
            String kernel = run(engine.command("exec", sandbox, "/busybox", "uname", "-r")).trim();
            assertThat(kernel).isEqualTo("4.4.0");
            String address =
                    run(engine.command(
                                    "inspect",
                                    "-f",
                                    "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                                    sandbox))
                            .trim();
            assertThat(address).startsWith("10.210.");
        }

        assertThat(directory).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mounts")))
                .doesNotContain(directory.toString());
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(
                                        handle ->
                                                handle.info()
                                                        .commandLine()
                                                        .map(
                                                                line ->
                                                                        line.contains(
                                                                                directory
                                                                                        .toString()))
                                                        .orElse(false))
                                .count())
                .isZero();
    }

    @Test
    void anUnsandboxedEngineHasNoRunscRuntime() {
        String json =
                AppEngineProcess.daemonJson(
                        Path.of("/tmp/appd-x"), Path.of("/tmp/appd-x/docker.sock"), false);

        assertThat(json).contains("\"runtimes\": {}").doesNotContain("runsc");
    }

    @Test
    void daemonJsonRegistersRunscAndKeepsBridgeNetworking() {
        String json =
                AppEngineProcess.daemonJson(
                        Path.of("/tmp/appd-x"),
                        Path.of("/tmp/appd-x/docker.sock"),
                        true,
                        "127.0.0.1:5000");
        assertThat(json)
                .contains("\"runsc\": {\"path\": \"/usr/bin/runsc\"")
                .contains("\"--platform=ptrace\", \"--ignore-cgroups\", \"--network=host\"")
                .contains("\"insecure-registries\": [\"http://127.0.0.1:5000\"]")
                .contains("10.210.0.0/16")
                .doesNotContain("\"iptables\"")
                .doesNotContain("\"bridge\"");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
