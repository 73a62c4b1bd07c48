package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A network namespace of its own for the build daemon, joined to the host by a veth pair, with an
 * nftables egress filter on the host's side ({@code build-network.nft}): what the daemon fetches
 * for {@code FROM} and {@code ADD <url>}, and RUN steps sharing its namespace ({@code docker build
 * --network=host}), reach the public internet and DNS, and of this host only the ports {@link
 * #allow(int) opened} to it (the registry); never loopback, private or link-local addresses, the
 * platform's services or cloud metadata. Needs root, {@code ip} (iproute2), {@code nft} (nftables),
 * {@code iptables} (for Docker's {@code DOCKER-USER} chain) and {@code nsenter}; {@link
 * #unavailableReason()} says which is missing.
 *
 * <p>Close it to delete the namespace, the veth pair and the filter.
 */
public final class BuildNetwork implements AutoCloseable {
    private static final Path IP = Path.of("/usr/sbin/ip");
    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final Path IPTABLES = Path.of("/usr/sbin/iptables");
    private static final String DOCKER_USER = "DOCKER-USER";
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");
    private static final Path NETNS_DIRECTORY = Path.of("/var/run/netns");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final String hostAddress;
    private final String networkAddress;

    private BuildNetwork(String id, String hostAddress, String networkAddress) {
        this.id = id;
        this.hostAddress = hostAddress;
        this.networkAddress = networkAddress;
    }

    /** Why a build network cannot be made here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("a build network needs root");
        }
        for (Path tool : List.of(IP, NFT, NSENTER, IPTABLES)) {
            if (!Files.isExecutable(tool)) {
                return Optional.of(
                        tool
                                + " is missing (iproute2, nftables, util-linux, iptables):"
                                + " ./run-tests"
                                + " installs it");
            }
        }
        return Optional.empty();
    }

    /** Makes the namespace, its link to the host and the filter; fails when it cannot. */
    public static BuildNetwork create() {
        InstalledParts.require(unavailableReason());
        String id = HexFormat.of().formatHex(randomBytes(3));
        // A /30 in 10.213.0.0/16 per network: host .1, build daemon .2.
        int block = RANDOM.nextInt(16384) * 4;
        String prefix = "10.213." + (block / 256) + ".";
        BuildNetwork network =
                new BuildNetwork(id, prefix + (block % 256 + 1), prefix + (block % 256 + 2));
        try {
            network.setUp();
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** This host's address on the link, where the build daemon reaches {@link #allow}ed ports. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The build daemon's own address. */
    public String networkAddress() {
        return networkAddress;
    }

    /** {@code /var/run/netns/<name>}: for {@code nsenter --net=}. */
    public Path namespacePath() {
        return NETNS_DIRECTORY.resolve(namespace());
    }

    /** Prefixes {@code command} so that it runs inside the namespace (and nowhere else apart). */
    public List<String> inside(List<String> command) {
        List<String> entered =
                new ArrayList<>(List.of(NSENTER.toString(), "--net=" + namespacePath()));
        entered.addAll(command);
        return entered;
    }

    /** Opens TCP {@code port} of {@link #hostAddress()} to the build daemon. */
    public void allow(int port) {
        run(
                NFT.toString(),
                "insert",
                "rule",
                "inet",
                table(),
                "input",
                "iifname",
                hostVeth(),
                "ip",
                "daddr",
                hostAddress,
                "tcp",
                "dport",
                Integer.toString(port),
                "accept");
    }

    private void setUp() {
        run(IP.toString(), "netns", "add", namespace());
        run(IP.toString(), "link", "add", hostVeth(), "type", "veth", "peer", "name", innerVeth());
        run(IP.toString(), "link", "set", innerVeth(), "netns", namespace());
        run(IP.toString(), "addr", "add", hostAddress + "/30", "dev", hostVeth());
        run(IP.toString(), "link", "set", hostVeth(), "up");
        inNamespace("ip", "addr", "add", networkAddress + "/30", "dev", innerVeth());
        inNamespace("ip", "link", "set", innerVeth(), "up");
        inNamespace("ip", "link", "set", "lo", "up");
        inNamespace("ip", "route", "add", "default", "via", hostAddress);
        Path rules;
        try {
            rules = Files.createTempFile("build-network-", ".nft");
            Files.writeString(rules, ruleset(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            run(NFT.toString(), "-f", rules.toString());
        } finally {
            Directories.deleteQuietly(rules);
        }
        runQuietly(IPTABLES.toString(), "-N", DOCKER_USER);
        for (List<String> rule : dockerUserRules()) {
            run(iptables("-I", rule));
        }
        enableForwarding();
    }

    /**
     * Docker's {@code DOCKER-USER} chain accepts what the egress filter let through: out of the
     * network, and the replies into it.
     *
     * <p>Why: a Docker engine with iptables (the app engine, a system docker) sets the FORWARD
     * policy of iptables' filter table to DROP, and there the build network's traffic was dropped
     * even after its egress filter accepted it (an nftables accept ends only its own base chain):
     * RUN steps got no DNS and no internet once any app engine had run on the machine. DOCKER-USER
     * is where Docker leaves room for the host's own rules, before its own; what reaches it from
     * the network has passed the egress filter (whose chain runs first), so it is accepted there
     * whole. An engine started later keeps the chain and its rules.
     */
    private List<List<String>> dockerUserRules() {
        return List.of(
                List.of("-i", hostVeth(), "-j", "ACCEPT"),
                List.of(
                        "-o",
                        hostVeth(),
                        "-m",
                        "conntrack",
                        "--ctstate",
                        "RELATED,ESTABLISHED",
                        "-j",
                        "ACCEPT"));
    }

    private static String[] iptables(String action, List<String> rule) {
        List<String> command = new ArrayList<>(List.of(IPTABLES.toString(), action, DOCKER_USER));
        command.addAll(rule);
        return command.toArray(String[]::new);
    }

    /**
     * The public internet is reached through this host, as from Docker's own bridges. Where the
     * host forbids it, builds still run, isolated, but cannot download anything.
     */
    private static void enableForwarding() {
        try {
            Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1\n");
        } catch (IOException e) {
            System.err.println(
                    "build network: cannot enable IPv4 forwarding ("
                            + e.getMessage()
                            + "): builds reach no public address");
        }
    }

    String ruleset() {
        String template;
        try (InputStream in = BuildNetwork.class.getResourceAsStream("build-network.nft")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> resolvers = resolvers(Path.of("/etc/resolv.conf"));
        String dnsRule =
                resolvers.isEmpty()
                        ? "# no resolver in /etc/resolv.conf outside loopback"
                        : "iifname \""
                                + hostVeth()
                                + "\" ip daddr { "
                                + String.join(", ", resolvers)
                                + " } meta l4proto { tcp, udp } th dport 53 accept";
        return template.replace("@TABLE@", table())
                .replace("@VETH@", hostVeth())
                .replace("@NETWORK_ADDRESS@", networkAddress)
                .replace("@DNS_RULE@", dnsRule);
    }

    /** The IPv4 name servers of a resolv.conf, loopback ones left out (not reachable from here). */
    static List<String> resolvers(Path resolvConf) {
        if (!Files.isReadable(resolvConf)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(resolvConf)) {
            return lines.map(String::trim)
                    .filter(line -> line.startsWith("nameserver "))
                    .map(line -> line.substring("nameserver ".length()).trim())
                    .filter(address -> address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
                    .filter(address -> !address.startsWith("127."))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private String namespace() {
        return "mcpdeploy-build-" + id;
    }

    private String table() {
        return "mcpdeploy_build_" + id;
    }

    private String hostVeth() {
        return "dpb" + id + "h";
    }

    private String innerVeth() {
        return "dpb" + id + "n";
    }

    private void inNamespace(String... command) {
        List<String> full = new ArrayList<>(List.of(IP.toString(), "netns", "exec", namespace()));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    @Override
    public void close() {
        for (List<String> rule : dockerUserRules()) {
            runQuietly(iptables("-D", rule));
        }
        runQuietly(NFT.toString(), "delete", "table", "inet", table());
        runQuietly(IP.toString(), "link", "delete", hostVeth());
        runQuietly(IP.toString(), "netns", "delete", namespace());
    }

    private static void run(String... command) {
        Result result = execute(command);
        if (result.exitCode != 0) {
            throw new IllegalStateException(
                    String.join(" ", command)
                            + " failed ("
                            + result.exitCode
                            + "): "
                            + result.output);
        }
    }

    private static void runQuietly(String... command) {
        execute(command);
    }

    private record Result(int exitCode, String output) {}

    private static Result execute(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "BuildNetwork[" + namespace() + ", host " + hostAddress + "]";
    }
}
