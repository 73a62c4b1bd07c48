package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFirewallTest {

    @Test
    void rulesetReplacesItsTableAndMatchesEveryProjectBridgeByPrefix() {
        String rules =
                new HostFirewall(Path.of("/usr/sbin/nft"), "mcpdeploy_apps", "dpa").ruleset();

        assertThat(rules)
                .startsWith("table inet mcpdeploy_apps {}\ndelete table inet mcpdeploy_apps\n")
                .contains("iifname \"dpa*\" ct state established,related accept")
                .contains("169.254.0.0/16")
                .doesNotContain("@");
    }

    @Test
    void resolversLeaveOutLoopback(@TempDir Path directory) throws Exception {
        Path resolvConf = directory.resolve("resolv.conf");
        Files.writeString(resolvConf, "nameserver 127.0.0.53\nnameserver 10.0.0.2\nsearch x\n");
        assertThat(HostFirewall.resolvers(resolvConf)).containsExactly("10.0.0.2");
    }

    @Test
    void refusesATableNameNftWouldMisread() {
        assertThatThrownBy(
                        () ->
                                new HostFirewall(
                                        Path.of("/usr/sbin/nft"), "apps; flush ruleset", "dpa"))
                .hasMessageContaining("mcpdeploy.docker.firewall-table");
    }
}
