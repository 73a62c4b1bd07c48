package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
