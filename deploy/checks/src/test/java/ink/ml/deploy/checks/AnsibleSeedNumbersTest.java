package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The seed's numbers (shared/seed infrastructure README: gVisor's runsc.toml, "SMTP egress blocked
 * on all nodes", "Firewall source-restricts 80/443 on run nodes" to the region LB and Cloudflare)
 * and the pod-CIDR refusal a NetworkPolicy cannot express, read from the files the roles and the
 * inventory hold. {@link NodeRolesInChrootTest} renders and loads the same rules for real.
 */
class AnsibleSeedNumbersTest {
    /** The seed's runsc.toml, character for character. */
    static final String SEED_RUNSC_TOML =
            """
            [runsc_config]
            systemd-cgroup = "true"   # Fix: sandbox joins kubepods.slice, not system.slice
            overlay2 = "root:self"    # Host-backed overlay (not memory-backed)
            # platform defaults to systrap — best for density
            """;

    /** Cloudflare's published ranges (cloudflare.com/ips-v4 and /ips-v6). */
    static final List<String> CLOUDFLARE_V4 =
            List.of(
                    "173.245.48.0/20",
                    "103.21.244.0/22",
                    "103.22.200.0/22",
                    "103.31.4.0/22",
                    "141.101.64.0/18",
                    "108.162.192.0/18",
                    "190.93.240.0/20",
                    "188.114.96.0/20",
                    "197.234.240.0/22",
                    "198.41.128.0/17",
                    "162.158.0.0/15",
                    "104.16.0.0/13",
                    "104.24.0.0/14",
                    "172.64.0.0/13",
                    "131.0.72.0/22");

    static final List<String> CLOUDFLARE_V6 =
            List.of(
                    "2400:cb00::/32",
                    "2606:4700::/32",
                    "2803:f800::/32",
                    "2405:b500::/32",
                    "2405:8100::/32",
                    "2a06:98c0::/29",
                    "2c0f:f248::/32");

    private static final Path ROLES = AnsibleTree.ansible().resolve("roles");
    private static final Path GROUP_VARS = AnsibleTree.inventory().resolve("group_vars");
    private static final InventoryVars ALL = InventoryVars.read(GROUP_VARS.resolve("all/main.yml"));
    private static final InventoryVars FIREWALL =
            InventoryVars.read(GROUP_VARS.resolve("all/firewall.yml"));

    @Test
    void runscTomlIsTheSeedsBlockExactly() throws IOException {
        String file = read(ROLES.resolve("gvisor/files/runsc.toml"));

        assertThat(file).isEqualTo(SEED_RUNSC_TOML);
    }

    @Test
    void everyRunscSettingIsAStringAndThePlatformIsLeftToSystrap() throws IOException {
        Map<String, String> settings =
                runscSettings(read(ROLES.resolve("gvisor/files/runsc.toml")));

        assertThat(settings)
                .containsExactly(
                        Map.entry("systemd-cgroup", "\"true\""),
                        Map.entry("overlay2", "\"root:self\""));
        assertThat(settings.values()).allMatch(value -> value.matches("\"[^\"]*\""));
    }

    @Test
    void containerdRunsRunscWithThatFile() throws IOException {
        String template = read(ROLES.resolve("gvisor/templates/config.toml.tmpl.j2"));
        InventoryVars defaults = InventoryVars.read(ROLES.resolve("gvisor/defaults/main.yml"));

        assertThat(template)
                .contains("{{ template \"base\" . }}")
                .contains("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runsc]")
                .contains("runtime_type = \"io.containerd.runsc.v1\"")
                .contains("ConfigPath = \"{{ gvisor_runsc_config }}\"");
        assertThat(defaults.text("gvisor_runsc_config")).isEqualTo("/etc/containerd/runsc.toml");
        assertThat(defaults.text("gvisor_release")).isEqualTo("20260209.1");
    }

    @Test
    void smtpIsRefusedInForwardAndOutputOnEveryNode() throws IOException {
        String rules = read(ROLES.resolve("firewall/templates/dp-smtp.nft.j2"));
        String reject =
                "tcp dport { {{ firewall_smtp_ports | join(', ') }} } counter reject with tcp reset";

        assertThat(FIREWALL.list("firewall_smtp_ports")).containsExactly("25", "465", "587");
        assertThat(chain(rules, "forward")).contains("hook forward").contains(reject);
        assertThat(chain(rules, "output")).contains("hook output").contains(reject);
        assertThat(playHosts("firewall")).containsOnly("k3s_cluster");
    }

    @Test
    void edgePortsOnRunNodesComeOnlyFromTheRegionLbAndCloudflare() throws IOException {
        String rules = read(ROLES.resolve("firewall/templates/dp-public.nft.j2"));

        assertThat(FIREWALL.list("firewall_cloudflare_sources_v4"))
                .containsExactlyInAnyOrderElementsOf(CLOUDFLARE_V4);
        assertThat(FIREWALL.list("firewall_cloudflare_sources_v6"))
                .containsExactlyInAnyOrderElementsOf(CLOUDFLARE_V6);
        assertThat(FIREWALL.list("firewall_region_lb_sources_v4")).isNotEmpty();
        assertThat(rules)
                .contains(
                        "{% set edge_v4 = firewall_region_lb_sources_v4 +"
                                + " firewall_cloudflare_sources_v4 %}")
                .contains(
                        "tcp dport { {{ firewall_edge_ports | join(', ') }} } ip saddr"
                                + " @edge_sources_v4 accept")
                .contains("tcp dport { {{ firewall_edge_ports | join(', ') }} } counter drop");
        assertThat(
                        InventoryVars.read(ROLES.resolve("firewall/defaults/main.yml"))
                                .list("firewall_edge_ports"))
                .containsExactly("80", "443");
        assertThat(pool("run_pool").flag("firewall_serves_edge")).isTrue();
        for (String other : List.of("ctrl", "build_pool", "ops")) {
            assertThat(pool(other).flag("firewall_serves_edge")).as(other).isFalse();
        }
    }

    @Test
    void podsAreRefusedTheirNodesKubeletApiServerAndExporters() throws IOException {
        String rules = read(ROLES.resolve("firewall/templates/dp-pod-to-node.nft.j2"));

        assertThat(ALL.text("k3s_cluster_cidr")).isEqualTo("10.42.0.0/16");
        assertThat(FIREWALL.list("firewall_node_local_ports"))
                .contains("10250", "6443", "9100", "2379", "2380");
        assertThat(chain(rules, "input"))
                .contains("hook input")
                .contains("ip saddr != {{ k3s_cluster_cidr }} accept")
                .contains(
                        "tcp dport { {{ firewall_node_local_ports | join(', ') }} } counter drop");
        for (String pool : List.of("run_pool", "build_pool", "ctrl")) {
            assertThat(pool(pool).list("firewall_pod_to_node_allowed_ports", List.of()))
                    .as(pool + " lets its pods open no node-local port")
                    .isEmpty();
        }
        assertThat(pool("ops").list("firewall_pod_to_node_allowed_ports", List.of()))
                .doesNotContain("10250", "6443");
    }

    private static InventoryVars pool(String group) {
        return InventoryVars.read(GROUP_VARS.resolve(group + ".yml"));
    }

    /** The hosts pattern of every play in site.yml that applies {@code role}. */
    private static List<String> playHosts(String role) throws IOException {
        JsonNode plays =
                new ObjectMapper(new YAMLFactory())
                        .readTree(AnsibleTree.ansible().resolve("playbooks/site.yml").toFile());
        List<String> hosts = new ArrayList<>();
        for (JsonNode play : plays) {
            for (JsonNode applied : play.path("roles")) {
                if (applied.asText().equals(role)) {
                    hosts.add(play.get("hosts").asText());
                }
            }
        }
        return hosts;
    }

    /** The body of nft chain {@code name} in a rules file. */
    private static String chain(String rules, String name) {
        Matcher matcher =
                Pattern.compile("chain " + name + " \\{(.*?)\\n    }", Pattern.DOTALL)
                        .matcher(rules);
        assertThat(matcher.find()).as("chain " + name + " in\n" + rules).isTrue();
        return matcher.group(1);
    }

    /** runsc.toml's keys under [runsc_config], each with its value as written. */
    private static Map<String, String> runscSettings(String toml) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : toml.lines().toList()) {
            String content = line.replaceFirst("\\s*#.*$", "").strip();
            if (content.startsWith("[")) {
                inSection = content.equals("[runsc_config]");
            } else if (inSection && !content.isEmpty()) {
                String[] keyValue = content.split("=", 2);
                settings.put(keyValue[0].strip(), keyValue[1].strip());
            }
        }
        return settings;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
