package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The firewall and gvisor roles run for real, with Ansible's chroot connection, against a throwaway
 * Debian 12 root (debootstrap), once as run-1 of the run pool and once as build-1 of the build
 * pool, with the region's inventory variables. No service runs in a chroot, so the roles are told
 * not to load rules or restart k3s ({@code firewall_load_rules}, {@code gvisor_restart_k3s}), and
 * runsc comes from Debian rather than gVisor's bucket (no internet here). The rules they leave are
 * checked with {@code nft -c} and then loaded into a network namespace of the test's own and read
 * back from the kernel; the machine's own ruleset is never touched.
 */
class NodeRolesInChrootTest {
    private static final String RULES = "etc/nftables.d/";
    private static final List<String> TABLES =
            List.of("dp-public.nft", "dp-pod-to-node.nft", "dp-smtp.nft");

    /** One address of each kind the rules name (inventory: group_vars/all/firewall.yml). */
    private static final String CLOUDFLARE = "173.245.48.1";

    private static final String REGION_LB = "203.0.113.100";
    private static final String OPERATOR = "198.51.100.9";
    private static final String STRANGER = "192.0.2.7";

    private static Path work;
    private static Map<String, String> runNode;
    private static Map<String, String> buildNode;

    @BeforeAll
    static void runTheRolesInAThrowawayRoot() throws IOException {
        RealParts.require(DebianRoot.unavailableReason());
        work = Files.createTempDirectory("node-roles-");
        Path root = DebianRoot.create(work.resolve("root"));
        Path inventory = inventory(root);
        Path playbook = playbook();

        runNode = applyAndRead(inventory, playbook, root, "run-1");
        buildNode = applyAndRead(inventory, playbook, root, "build-1");
    }

    @AfterAll
    static void removeTheRoot() {
        if (work != null) {
            Directories.deleteQuietly(work);
        }
    }

    @Test
    void theRunNodesRunscTomlIsTheSeedsAndRunscIsInstalled() {
        assertThat(runNode.get("etc/containerd/runsc.toml"))
                .isEqualTo(AnsibleSeedNumbersTest.SEED_RUNSC_TOML);
        assertThat(runNode.get("usr/bin/runsc")).isEqualTo("present");
    }

    @Test
    void k3sContainerdTemplateRegistersRunscWithThatFile() {
        assertThat(runNode.get("var/lib/rancher/k3s/agent/etc/containerd/config.toml.tmpl"))
                .contains("{{ template \"base\" . }}")
                .contains("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runsc]")
                .contains("runtime_type = \"io.containerd.runsc.v1\"")
                .contains("ConfigPath = \"/etc/containerd/runsc.toml\"");
    }

    @Test
    void theBuildNodeGetsNoGvisor() {
        assertThat(buildNode).doesNotContainKey("etc/containerd/runsc.toml");
    }

    @Test
    void nftablesConfLoadsTheTablesWithoutFlushingK3ssRules() {
        for (Map<String, String> node : List.of(runNode, buildNode)) {
            assertThat(node.get("etc/nftables.conf"))
                    .contains("include \"/etc/nftables.d/*.nft\"")
                    .doesNotContainPattern("(?m)^\\s*flush");
        }
    }

    @Test
    void everyRulesFilePassesNftCheck() throws IOException {
        for (Map.Entry<String, Map<String, String>> node :
                Map.of("run-1", runNode, "build-1", buildNode).entrySet()) {
            for (String table : TABLES) {
                Path file =
                        Files.writeString(
                                work.resolve(node.getKey() + "-" + table),
                                node.getValue().get(RULES + table));
                ToolRun check =
                        ToolRun.run(
                                work,
                                Map.of(),
                                Duration.ofSeconds(30),
                                "nft",
                                "-c",
                                "-f",
                                file.toString());
                assertThat(check.exitCode()).as(node.getKey() + " " + check.describe()).isZero();
            }
        }
    }

    @Test
    void onTheRunNode80And443AreOpenOnlyToTheRegionLbAndCloudflare() throws IOException {
        String ruleset = loaded("run-1", runNode);

        assertThat(ruleset)
                .contains("set edge_sources_v4")
                .contains("173.245.48.0/20")
                .contains("131.0.72.0/22")
                .contains("203.0.113.100")
                .contains("10.0.0.254")
                .contains("set edge_sources_v6")
                .contains("2400:cb00::/32")
                .contains("tcp dport { 80, 443 } ip saddr @edge_sources_v4 accept")
                .contains("tcp dport { 80, 443 } ip6 saddr @edge_sources_v6 accept")
                .contains("tcp dport { 80, 443 } counter packets 0 bytes 0 drop")
                .contains("type filter hook prerouting priority dstnat - 10; policy accept;");
        assertThat(ruleset.indexOf("@edge_sources_v4 accept"))
                .isLessThan(
                        ruleset.indexOf("tcp dport { 80, 443 } counter packets 0 bytes 0 drop"));
    }

    @Test
    void offTheRunPool80And443AreOpenToNobody() throws IOException {
        String ruleset = loaded("build-1", buildNode);

        assertThat(ruleset)
                .doesNotContain("edge_sources")
                .contains("tcp dport { 80, 443 } counter packets 0 bytes 0 drop");
    }

    @Test
    void smtpOutOfTheClusterIsRefusedInForwardAndOutputOnEveryPool() throws IOException {
        for (Map.Entry<String, Map<String, String>> node :
                Map.of("run-1", runNode, "build-1", buildNode).entrySet()) {
            String ruleset = loaded(node.getKey(), node.getValue());
            String reject =
                    "tcp dport { 25, 465, 587 } counter packets 0 bytes 0 reject with tcp reset";

            assertThat(chain(ruleset, "dp_smtp", "forward")).as(node.getKey()).contains(reject);
            assertThat(chain(ruleset, "dp_smtp", "output")).as(node.getKey()).contains(reject);
        }
    }

    @Test
    void podsAreRefusedTheirNodesKubeletApiServerEtcdAndExporters() throws IOException {
        String input = chain(loaded("run-1", runNode), "dp_pod_to_node", "input");

        assertThat(input)
                .contains("type filter hook input priority filter - 10; policy accept;")
                .contains("ip saddr != 10.42.0.0/16 accept")
                .contains("ct original ip daddr 10.43.0.0/16 accept");
        String drop = input.lines().filter(line -> line.contains("drop")).findFirst().orElseThrow();
        assertThat(drop)
                .contains("tcp dport")
                .contains("6443")
                .contains("10250")
                .contains("9100")
                .contains("2379")
                .contains("2380")
                .contains("10249")
                .contains("10256");
        assertThat(input).doesNotContainPattern("tcp dport [^\\n]*accept");
    }

    @Test
    void onTheWireTheRunNodeServes80And443ToCloudflareAndTheLbOnlyAndSshToOperators()
            throws IOException {
        try (NodeNetwork network = network("run-1", runNode)) {
            network.listenOnNode(80, 443, 22, 6443, 10250);

            assertThat(network.fromInternet(CLOUDFLARE, 443)).isEqualTo("connected");
            assertThat(network.fromInternet(CLOUDFLARE, 80)).isEqualTo("connected");
            assertThat(network.fromInternet(REGION_LB, 443)).isEqualTo("connected");
            assertThat(network.fromInternet(STRANGER, 443)).isEqualTo("timed out");
            assertThat(network.fromInternet(OPERATOR, 22)).isEqualTo("connected");
            assertThat(network.fromInternet(STRANGER, 22)).isEqualTo("timed out");
            assertThat(network.fromInternet(CLOUDFLARE, 6443)).isEqualTo("timed out");
            assertThat(network.fromInternet(STRANGER, 10250)).isEqualTo("timed out");
        }
    }

    @Test
    void onTheWireTheBuildNodeServes443ToNobody() throws IOException {
        try (NodeNetwork network = network("build-1", buildNode)) {
            network.listenOnNode(443, 22);

            assertThat(network.fromInternet(CLOUDFLARE, 443)).isEqualTo("timed out");
            assertThat(network.fromInternet(OPERATOR, 22)).isEqualTo("connected");
        }
    }

    @Test
    void onTheWireAPodIsRefusedItsOwnNodesKubeletApiServerAndExporterButNotOtherPorts()
            throws IOException {
        try (NodeNetwork network = network("run-1", runNode)) {
            network.listenOnNode(10250, 6443, 9100, 8080);

            assertThat(network.fromPod(NodeNetwork.NODE_ON_POD_NETWORK, 10250))
                    .isEqualTo("timed out");
            assertThat(network.fromPod(NodeNetwork.NODE_ON_POD_NETWORK, 6443))
                    .isEqualTo("timed out");
            assertThat(network.fromPod(NodeNetwork.NODE_ON_POD_NETWORK, 9100))
                    .isEqualTo("timed out");
            assertThat(network.fromPod(NodeNetwork.NODE_PUBLIC, 10250))
                    .as("the node's other addresses are the node too")
                    .isEqualTo("timed out");
            assertThat(network.fromPod(NodeNetwork.NODE_ON_POD_NETWORK, 8080))
                    .isEqualTo("connected");
        }
    }

    @Test
    void onTheWireSmtpFromAPodIsRefusedWhileOtherPortsPass() throws IOException {
        try (NodeNetwork network = network("build-1", buildNode)) {
            network.listenOnInternet(25, 465, 587, 2525);

            for (int port : List.of(25, 465, 587)) {
                assertThat(network.fromPod(NodeNetwork.INTERNET_HOST, port))
                        .as("port " + port)
                        .isEqualTo("refused");
            }
            assertThat(network.fromPod(NodeNetwork.INTERNET_HOST, 2525)).isEqualTo("connected");
        }
    }

    private static NodeNetwork network(String host, Map<String, String> node) throws IOException {
        return NodeNetwork.create(
                ruleFiles(host, node),
                InventoryVars.read(AnsibleTree.inventory().resolve("group_vars/all/main.yml"))
                        .text("node_public_interface"),
                List.of(CLOUDFLARE, REGION_LB, OPERATOR, STRANGER));
    }

    /** The node's rule files, written where nft can read them. */
    private static List<Path> ruleFiles(String host, Map<String, String> node) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String table : TABLES) {
            files.add(Files.writeString(work.resolve(host + "-" + table), node.get(RULES + table)));
        }
        return files;
    }

    /** The node's rule files loaded into a fresh namespace, the ruleset as the kernel lists it. */
    private static String loaded(String host, Map<String, String> node) throws IOException {
        try (RulesNamespace namespace = RulesNamespace.create()) {
            for (Path file : ruleFiles(host, node)) {
                ToolRun load = namespace.load(file);
                assertThat(load.exitCode()).as(load.describe()).isZero();
            }
            return namespace.ruleset();
        }
    }

    /** The body of {@code chain} in {@code table}, as nft lists it. */
    private static String chain(String ruleset, String table, String chain) {
        int tableStart = ruleset.indexOf("table inet " + table + " {");
        assertThat(tableStart).as(table + " in\n" + ruleset).isNotNegative();
        int chainStart = ruleset.indexOf("chain " + chain + " {", tableStart);
        assertThat(chainStart).as(table + " " + chain + " in\n" + ruleset).isNotNegative();
        return ruleset.substring(chainStart, ruleset.indexOf("\n\t}", chainStart));
    }

    /** Runs the test's playbook on {@code host} in the root, then reads what the roles left. */
    private static Map<String, String> applyAndRead(
            Path inventory, Path playbook, Path root, String host) throws IOException {
        ToolRun run =
                ToolRun.run(
                        AnsibleTree.ansible(),
                        AnsibleTree.environment(),
                        Duration.ofMinutes(10),
                        "ansible-playbook",
                        "-i",
                        inventory.toString(),
                        "--limit",
                        host,
                        "-e",
                        "firewall_load_rules=false gvisor_restart_k3s=false gvisor_install_from=debian",
                        playbook.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();

        Map<String, String> left = new HashMap<>();
        for (String file :
                List.of(
                        "etc/nftables.conf",
                        RULES + TABLES.get(0),
                        RULES + TABLES.get(1),
                        RULES + TABLES.get(2),
                        "etc/containerd/runsc.toml",
                        "var/lib/rancher/k3s/agent/etc/containerd/config.toml.tmpl")) {
            Path path = root.resolve(file);
            if (Files.isRegularFile(path)) {
                left.put(file, Files.readString(path, StandardCharsets.UTF_8));
                Files.delete(path);
            }
        }
        if (Files.isExecutable(root.resolve("usr/bin/runsc"))) {
            left.put("usr/bin/runsc", "present");
        }
        return Map.copyOf(left);
    }

    /**
     * run-1 and build-1 with the region's addresses, both pointing at the one root, so that the
     * region's group_vars (all/, run_pool.yml, build_pool.yml) apply as in production.
     */
    private static Path inventory(Path root) throws IOException {
        Path inventory = Files.createDirectories(work.resolve("inventory"));
        Files.createSymbolicLink(
                inventory.resolve("group_vars"), AnsibleTree.inventory().resolve("group_vars"));
        Files.writeString(
                inventory.resolve("hosts.yml"),
                """
                all:
                  children:
                    k3s_cluster:
                      vars:
                        ansible_connection: community.general.chroot
                        ansible_host: %s
                      children:
                        run_pool:
                          hosts:
                            run-1:
                              node_private_ip: 10.0.2.2
                        build_pool:
                          hosts:
                            build-1:
                              node_private_ip: 10.0.1.2
                """
                        .formatted(root));
        return inventory;
    }

    /** The two roles as site.yml applies them: the firewall everywhere, gVisor on the run pool. */
    private static Path playbook() throws IOException {
        return Files.writeString(
                work.resolve("node-roles.yml"),
                """
                - name: Firewall on every node
                  hosts: k3s_cluster
                  roles:
                    - firewall
                - name: gVisor on the run pool
                  hosts: run_pool
                  roles:
                    - gvisor
                """);
    }
}
