package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildNetworkTest {
    @TempDir Path directory;

    @Test
    void resolversAreTheIpv4NameServersOutsideLoopback() throws Exception {
        Path resolvConf = directory.resolve("resolv.conf");
        Files.writeString(
                resolvConf,
                "# comment\nsearch example.org\nnameserver 127.0.0.53\nnameserver 10.0.0.2\n"
                        + "nameserver fe80::1\nnameserver 1.1.1.1\n");

        assertThat(BuildNetwork.resolvers(resolvConf)).containsExactly("10.0.0.2", "1.1.1.1");
        assertThat(BuildNetwork.resolvers(directory.resolve("missing"))).isEmpty();
    }

    @Test
    void theDaemonInsideReachesOnlyTheHostPortsItIsGiven() throws Exception {
        RealParts.require(BuildNetwork.unavailableReason());
        try (ServerSocket allowed = new ServerSocket();
                ServerSocket refused = new ServerSocket();
                BuildNetwork network = BuildNetwork.create()) {
            allowed.bind(new InetSocketAddress("0.0.0.0", 0));
            refused.bind(new InetSocketAddress("0.0.0.0", 0));
            network.allow(allowed.getLocalPort());

            assertThat(network.ruleset()).doesNotContain("@");
            assertThat(connectsFromInside(network, network.hostAddress(), allowed.getLocalPort()))
                    .isTrue();
            assertThat(connectsFromInside(network, network.hostAddress(), refused.getLocalPort()))
                    .isFalse();
            assertThat(connectsFromInside(network, "127.0.0.1", allowed.getLocalPort())).isFalse();
        }
    }

    /**
     * A Docker engine with iptables (the app engine) sets the FORWARD policy of iptables' filter
     * table to DROP when it starts; the build network's own traffic must still go out, through DNS
     * to a public name. The policy is set as such an engine sets it, and put back afterwards.
     */
    @Test
    void theInternetIsReachedFromInsideAfterADockerEngineDropsForwardedTraffic() throws Exception {
        RealParts.require(BuildNetwork.unavailableReason());
        String before = iptables("-S", "FORWARD").lines().findFirst().orElse("-P FORWARD ACCEPT");
        iptables("-P", "FORWARD", "DROP");
        try (BuildNetwork network = BuildNetwork.create()) {
            assertThat(connectsFromInside(network, "registry.npmjs.org", 443))
                    .as("registry.npmjs.org:443 from inside, FORWARD policy DROP")
                    .isTrue();
        } finally {
            iptables("-P", "FORWARD", before.split(" ")[2]);
        }
    }

    private static String iptables(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("iptables"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    /** {@code bash}'s /dev/tcp from inside the namespace: no client program needed. */
    private static boolean connectsFromInside(BuildNetwork network, String host, int port)
            throws Exception {
        Process probe =
                new ProcessBuilder(
                                network.inside(
                                        List.of(
                                                "timeout",
                                                "5",
                                                "bash",
                                                "-c",
                                                "exec 3<>/dev/tcp/" + host + "/" + port)))
                        .redirectErrorStream(true)
                        .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(10, TimeUnit.SECONDS)).as(output).isTrue();
        return probe.exitValue() == 0;
    }
}
