package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.StaticBusybox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A container under runc (no gVisor), whose own cgroup holds its figures, on a real app engine
 * without runsc.
 */
class CgroupUsageTest {
    private static final int HELD_MIB = 64;
    private static final double MIB = 1024 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void memoryTheAppHoldsUnderRuncShowsFromItsCgroupWithinTenPercent() throws Exception {
        RealParts.require(StaticBusybox.unavailableReason());
        RealParts.require(AppEngineProcess.unavailableReason(false));
        try (AppEngineProcess engine = AppEngineProcess.start(false)) {
            Path context = Files.createTempDirectory("runc-app-");
            String id;
            try {
                Files.copy(StaticBusybox.PATH, context.resolve("busybox"));
                Path tar = context.resolve("app.tar");
                run(List.of("tar", "-C", context.toString(), "-cf", tar.toString(), "busybox"));
                run(
                        engine.command(
                                "import",
                                "--change",
                                "CMD [\"/busybox\", \"sleep\", \"3600\"]",
                                tar.toString(),
                                "local/runc-app:1"));
                id = run(engine.command("run", "-d", "local/runc-app:1")).trim();
            } finally {
                Directories.deleteQuietly(context);
            }
            long pid =
                    Long.parseLong(
                            run(engine.command("inspect", "-f", "{{.State.Pid}}", id)).trim());
            HostContainerUsage usage = HostContainerUsage.host();
            long baseline = usage.read(id, pid).orElseThrow().memoryWorkingSetBytes();

            run(
                    engine.command(
                            "exec",
                            "-d",
                            id,
                            "/busybox",
                            "sh",
                            "-c",
                            "(/busybox head -c "
                                    + HELD_MIB
                                    + "m /dev/zero; exec /busybox sleep 3600)"
                                    + " | /busybox tail -c "
                                    + HELD_MIB
                                    + "m > /dev/null"));

            // Awaited on the cgroup itself: `exec -d` returns before head has started, so waiting
            // for head to leave the process list could end before it ever ran.
            await("the cgroup's working set holding the " + HELD_MIB + " MiB")
                    .atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () ->
                                    usage.read(id, pid).orElseThrow().memoryWorkingSetBytes()
                                                    - baseline
                                            >= 0.9 * HELD_MIB * MIB);
            ContainerUsage held = usage.read(id, pid).orElseThrow();
            assertThat((held.memoryWorkingSetBytes() - baseline) / MIB)
                    .isBetween(0.9 * HELD_MIB, 1.1 * HELD_MIB);
            assertThat(held.cpuUsageSeconds()).isPositive();
            assertThat(held.network())
                    .extracting(ContainerUsage.InterfaceCounters::name)
                    .contains("eth0");
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
