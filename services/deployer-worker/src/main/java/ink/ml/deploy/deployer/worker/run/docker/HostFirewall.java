package ink.ml.deploy.deployer.worker.run.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's nftables table that keeps customer containers away from everything but their own
 * project network and the public internet ({@code app-networks.nft}): no connection to any address
 * of this host (the platform's services, the Docker socket's proxy if any, the bridge gateway), to
 * cloud metadata, or to private and link-local networks. Docker's own rules keep projects apart
 * from each other. Matched by the bridges' name prefix, so it covers networks made later.
 *
 * <p>{@link #install()} replaces the table in one transaction, so running it again (every start)
 * leaves exactly one copy.
 */
public final class HostFirewall {
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Path nft;
    private final String table;
    private final String bridgePrefix;

    public HostFirewall(Path nft, String table, String bridgePrefix) {
        DockerNames.requireBridgePrefix(bridgePrefix);
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException(
                    "mcpdeploy.docker.firewall-table must be lowercase letters, digits and '_'");
        }
        this.nft = nft;
        this.table = table;
        this.bridgePrefix = bridgePrefix;
    }

    public static HostFirewall from(DockerTargetConfig config) {
        return new HostFirewall(
                Path.of(config.nft()), config.firewallTable(), config.bridgePrefix());
    }

    /** Installs or replaces the table; fails loudly when nftables refuses or is missing. */
    public void install() {
        if (!Files.isExecutable(nft)) {
            throw new IllegalStateException(
                    nft
                            + " is missing (Debian package nftables): customer containers would"
                            + " reach this host's services");
        }
        Path rules;
        try {
            rules = Files.createTempFile("app-networks-", ".nft");
            Files.writeString(rules, ruleset(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String output = run(List.of(nft.toString(), "-f", rules.toString()));
            if (output != null) {
                throw new IllegalStateException("nft refused table " + table + ": " + output);
            }
        } finally {
            try {
                Files.deleteIfExists(rules);
            } catch (IOException ignored) {
                // A temp file left behind holds no secret.
            }
        }
    }

    /** Removes the table; nothing when it is not there. */
    public void remove() {
        run(List.of(nft.toString(), "delete", "table", "inet", table));
    }

    String ruleset() {
        String template;
        try (InputStream in = HostFirewall.class.getResourceAsStream("app-networks.nft")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Declaring then deleting the table in the same file replaces it atomically.
        return "table inet "
                + table
                + " {}\ndelete table inet "
                + table
                + "\n"
                + template.replace("@TABLE@", table)
                        .replace("@BRIDGES@", bridgePrefix + "*")
                        .replace("@DNS_RULE@", dnsRule(resolvers(Path.of("/etc/resolv.conf"))));
    }

    private String dnsRule(List<String> resolvers) {
        if (resolvers.isEmpty()) {
            return "# no resolver in /etc/resolv.conf outside loopback";
        }
        return "iifname \""
                + bridgePrefix
                + "*\" ip daddr { "
                + String.join(", ", resolvers)
                + " } meta l4proto { tcp, udp } th dport 53 accept";
    }

    /** The IPv4 name servers of a resolv.conf, loopback ones left out. */
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
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Runs a command; its output when it failed, else null. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : output.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
