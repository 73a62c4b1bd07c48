package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Debian's BIND ({@code /usr/sbin/named}, package bind9) on a free loopback port, UDP and TCP, with
 * its config and zones in a temporary directory of its own: the real DNS server that the custom
 * domain checks are tested against. Tests {@link #serve} the zones they need ({@link DnsZone}); the
 * server reloads and answers from them at once.
 *
 * <p>It is authoritative for the root zone too, so every name outside the test's zones is a real
 * NXDOMAIN rather than a lookup on the internet. A {@link DnsZone#failing failing} zone answers
 * SERVFAIL; an {@link DnsZone#unanswered unanswered} zone is delegated and forwarded to a UDP
 * socket of this process that never reads, so the server holds the query and the client times out.
 *
 * <p>Where the package is missing, {@link #startOrSkip} skips the calling test ({@link RealParts}:
 * in CI it fails). Close it to stop the server and delete its directory.
 */
public final class DnsServerProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/named");
    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Absolute name of every zone's NS record; the root zone gives it a loopback address. */
    private static final String NAME_SERVER = "ns.dns-server-process.";

    /** A line BIND writes each time it has (re)loaded its config and zones. */
    private static final String LOADED = " running";

    /** A line BIND writes when a reload finds the config broken; it keeps serving the old one. */
    private static final String RELOAD_FAILED = "reloading configuration failed";

    private final Path directory;
    private final int port;
    private final DatagramSocket blackHole;
    private Process process;
    private long generation;

    private DnsServerProcess(Path directory, int port, DatagramSocket blackHole) {
        this.directory = directory;
        this.port = port;
        this.blackHole = blackHole;
    }

    /** {@link #start}, or a skipped test where bind9 is not installed and this is not CI. */
    public static DnsServerProcess startOrSkip() {
        RealParts.require(unavailableReason());
        return start();
    }

    /** Why BIND cannot run here (the package is missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(BINARY)
                ? Optional.empty()
                : Optional.of(
                        "Debian's bind9 is not installed ("
                                + BINARY
                                + "): scripts/host-packages installs it");
    }

    /** Starts BIND serving no test zone yet; returns once it answers. */
    public static DnsServerProcess start() {
        InstalledParts.require(unavailableReason());
        Path directory;
        DatagramSocket blackHole;
        try {
            directory = Files.createTempDirectory("named-");
            blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DnsServerProcess server = new DnsServerProcess(directory, freeUdpAndTcpPort(), blackHole);
        server.run();
        return server;
    }

    /** The address to send queries to: {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port it answers on, over UDP and TCP. */
    public int port() {
        return port;
    }

    /**
     * Serves exactly {@code zones} (besides the root), replacing what was served before, and
     * returns once the server has loaded them.
     */
    public void serve(List<DnsZone> zones) {
        long distinct =
                zones.stream().map(z -> z.origin().toLowerCase(Locale.ROOT)).distinct().count();
        if (distinct != zones.size()) {
            throw new IllegalArgumentException(
                    "each zone may be served once: "
                            + zones.stream().map(DnsZone::origin).toList());
        }
        long loaded = count(line -> line.endsWith(LOADED));
        long failed = count(line -> line.contains(RELOAD_FAILED));
        writeConfig(zones);
        signal("HUP");
        awaitReload(loaded + 1, failed);
    }

    /** {@link #serve(List)} for a few zones. */
    public void serve(DnsZone... zones) {
        serve(List.of(zones));
    }

    /** Its own directory: config, zones and log. */
    Path directory() {
        return directory;
    }

    private void run() {
        writeConfig(List.of());
        try {
            process =
                    new ProcessBuilder(BINARY.toString(), "-g", "-4", "-c", config().toString())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                            .start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        awaitStart();
    }

    private void writeConfig(List<DnsZone> zones) {
        // Each generation has files of its own: BIND then loads them for certain, whatever their
        // modification times.
        generation++;
        Path zoneDirectory = directory.resolve("zones-" + generation);
        try {
            Files.createDirectories(zoneDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder root =
                new StringBuilder()
                        .append("$TTL 1\n")
                        .append(". IN SOA ")
                        .append(NAME_SERVER)
                        .append(" hostmaster.dns-server-process. ")
                        .append(generation)
                        .append(" 60 60 60 1\n")
                        .append(". IN NS ")
                        .append(NAME_SERVER)
                        .append('\n')
                        .append(NAME_SERVER)
                        .append(" IN A ")
                        .append(HOST)
                        .append('\n');
        StringBuilder zoneStatements =
                new StringBuilder(zoneStatement(".", zoneDirectory.resolve("root.zone")));
        for (DnsZone zone : zones) {
            String origin = zone.origin();
            if (zone.kind() == DnsZone.Kind.UNANSWERED) {
                // The root delegates the zone; the delegation is followed by forwarding to the
                // black hole, which never answers.
                root.append(origin).append(". IN NS ns.").append(origin).append(".\n");
                root.append("ns.").append(origin).append(". IN A ").append(HOST).append('\n');
                zoneStatements
                        .append("zone \"")
                        .append(origin)
                        .append("\" { type forward; forward only; forwarders { ")
                        .append(HOST)
                        .append(" port ")
                        .append(blackHole.getLocalPort())
                        .append("; }; };\n");
            } else {
                Path file = zoneDirectory.resolve(origin + ".zone");
                RegistryProcess.write(file, zone.file(generation, NAME_SERVER));
                zoneStatements.append(zoneStatement(origin, file));
            }
        }
        RegistryProcess.write(zoneDirectory.resolve("root.zone"), root.toString());
        RegistryProcess.write(
                config(),
                "options {\n"
                        + "  directory \""
                        + directory
                        + "\";\n"
                        + "  pid-file \""
                        + directory.resolve("named.pid")
                        + "\";\n"
                        + "  session-keyfile \""
                        + directory.resolve("session.key")
                        + "\";\n"
                        + "  managed-keys-directory \""
                        + directory
                        + "\";\n"
                        + "  listen-on port "
                        + port
                        + " { "
                        + HOST
                        + "; };\n"
                        + "  listen-on-v6 { none; };\n"
                        // Recursion only to follow the delegations of unanswered zones; the root
                        // zone is served here, so nothing is ever looked up on the internet.
                        + "  recursion yes;\n"
                        + "  allow-recursion { 127.0.0.0/8; };\n"
                        + "  allow-query { 127.0.0.0/8; };\n"
                        + "  dnssec-validation no;\n"
                        + "  notify no;\n"
                        // Tests change zones between queries: never answer from a stale cache.
                        + "  max-cache-ttl 1;\n"
                        + "  max-ncache-ttl 1;\n"
                        + "  servfail-ttl 0;\n"
                        + "};\n"
                        + zoneStatements);
    }

    private static String zoneStatement(String origin, Path file) {
        return "zone \"" + origin + "\" { type primary; file \"" + file + "\"; };\n";
    }

    private void signal(String signal) {
        try {
            Process kill =
                    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                            .redirectErrorStream(true)
                            .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(
                        "kill -"
                                + signal
                                + " named failed: "
                                + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling named", e);
        }
    }

    private void awaitStart() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (count(line -> line.endsWith(LOADED)) < 1) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String output = RegistryProcess.read(log());
                close();
                throw new IllegalStateException(
                        "named did not start within " + START_TIMEOUT + ": " + output);
            }
            RegistryProcess.pause();
        }
    }

    /** Waits for the reload; a broken config fails the call and leaves the old zones served. */
    private void awaitReload(long loaded, long failedBefore) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (count(line -> line.endsWith(LOADED)) < loaded) {
            if (count(line -> line.contains(RELOAD_FAILED)) > failedBefore
                    || !process.isAlive()
                    || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "named did not reload its zones: " + RegistryProcess.read(log()));
            }
            RegistryProcess.pause();
        }
    }

    private long count(Predicate<String> logLine) {
        try {
            return Files.exists(log())
                    ? Files.readAllLines(log()).stream().filter(logLine).count()
                    : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path config() {
        return directory.resolve("named.conf");
    }

    private Path log() {
        return directory.resolve("named.log");
    }

    private static int freeUdpAndTcpPort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = RegistryProcess.freePort();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(HOST, port));
                    ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
                return port;
            } catch (IOException taken) {
                // The port is free over TCP on some address but not over UDP here: try another.
            }
        }
        throw new IllegalStateException("no local port free over both UDP and TCP");
    }

    /** Stops BIND and deletes its directory. */
    @Override
    public void close() {
        if (process != null) {
            RegistryProcess.stop(process);
        }
        blackHole.close();
        Directories.deleteQuietly(directory);
    }
}
