package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.run.metrics.ContainerUsage.InterfaceCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProcessesTest {
    @Test
    void readsParentAndCpuTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat =
                "28798 (exe (x) y) S 28776 28798 28776 0 -1 4194560 5000 0 0 0 120 30 7 3 20 0 12 0 100";

        assertThat(HostProcesses.parseStat(stat)).contains(new HostProcesses.Stat(28776, 160));
    }

    @Test
    void countsEveryInterfaceButLoopback() {
        List<String> netDev =
                List.of(
                        "Inter-|   Receive                                                |  Transmit",
                        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
                        "    lo:     900       9    0    0    0     0          0         0      900       9    0    0    0     0       0          0",
                        "  eth0:    1252      14    0    0    0     0          0         0      340       4    0    0    0     0       0          0");

        assertThat(HostProcesses.netDev(netDev))
                .containsExactly(new InterfaceCounters("eth0", 1252, 340));
    }

    @Test
    void sumsTheCpuOfAProcessTreeIncludingReapedChildren(@TempDir Path proc) throws Exception {
        writeStat(proc, 10, 1, 100, 50, 20, 10);
        writeStat(proc, 11, 10, 30, 0, 0, 0);
        writeStat(proc, 12, 11, 5, 5, 0, 0);
        writeStat(proc, 13, 1, 1000, 1000, 0, 0);
        HostProcesses processes = new HostProcesses(proc);

        Map<Long, List<Long>> children = processes.children();

        assertThat(processes.cpuSeconds(List.of(10L), children)).isEqualTo(2.2);
    }

    private static void writeStat(
            Path proc, long pid, long parent, long utime, long stime, long cutime, long cstime)
            throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(
                proc.resolve(pid + "/stat"),
                pid
                        + " (exe) S "
                        + parent
                        + " 0 0 0 -1 0 0 0 0 0 "
                        + utime
                        + " "
                        + stime
                        + " "
                        + cutime
                        + " "
                        + cstime
                        + " 20 0 1 0 100\n");
    }
}
