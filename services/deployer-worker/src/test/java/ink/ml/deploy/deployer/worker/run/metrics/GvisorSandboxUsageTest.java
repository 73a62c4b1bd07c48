package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class GvisorSandboxUsageTest {
    @Test
    void findsTheRootTheShimGaveTheSandbox() {
        List<String> sandbox =
                List.of(
                        "runsc-sandbox",
                        "--root=/tmp/appd-1/exec/runtime-runc/moby",
                        "--network=host",
                        "--ignore-cgroups=true",
                        "boot");

        assertThat(GvisorSandboxUsage.isSandbox(sandbox)).isTrue();
        assertThat(GvisorSandboxUsage.root(sandbox)).contains("/tmp/appd-1/exec/runtime-runc/moby");
        assertThat(
                        GvisorSandboxUsage.root(
                                List.of("runsc-sandbox", "--root", "/run/runsc", "boot")))
                .contains("/run/runsc");
        assertThat(GvisorSandboxUsage.isSandbox(List.of("/busybox", "sleep", "3600"))).isFalse();
    }

    @Test
    void readsTheSentrysMemoryFromRunscEvents() throws Exception {
        // What runsc 20221219 prints for `events --stats` (its CPU figure is the host cgroup's).
        String event =
                "{\"type\":\"stats\",\"id\":\"9ea8\",\"data\":{\"cpu\":{\"usage\":{\"total\":49909200949862}},"
                        + "\"memory\":{\"usage\":{\"limit\":0,\"usage\":2027520,\"failcnt\":0}},\"pids\":{\"current\":1}}}";

        assertThat(GvisorSandboxUsage.memoryUsage(new ObjectMapper().readTree(event)))
                .contains(2027520L);
        assertThat(GvisorSandboxUsage.memoryUsage(new ObjectMapper().readTree("{}"))).isEmpty();
    }
}
