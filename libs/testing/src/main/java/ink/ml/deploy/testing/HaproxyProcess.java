package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Debian's HAProxy ({@code /usr/sbin/haproxy}, 2.6) as the single-host edge, for the local
 * platform, tests and benchmarks. It runs in the foreground ({@code -db}), not as the system
 * service, from a directory of its own holding its config ({@link #edgeConfig}), its admin socket
 * and the routes' map file. Routes are changed through the admin socket (the deployer-worker's
 * {@code HaproxyEdgeRoutes}), which changes them in the running process: no reload, so no
 * connection and no WebSocket is cut by a route change.
 *
 * <p>The map file is read once, at start. Whoever changes routes writes it too, so that {@link
 * #restart()} (and a restart after a crash or a reboot) comes back with the routes it had, before
 * the platform is back.
 *
 * <p>Custom domains are served on a second, TLS port ({@link #tlsPort()}): their certificates are
 * loaded through the admin socket too, and kept in {@link #certificatesDirectory()} and the
 * crt-list file HAProxy reads at start ({@link #crtListFile()}). The edge answers ACME's HTTP-01
 * challenges itself, from a map filled while an issuance waits for them ({@link
 * #challengesMapFile()}). A self-signed default certificate, made at start, is what a TLS client
 * naming no served domain gets, with the same 404 as on HTTP.
 *
 * <p>Where HAProxy is not installed, {@link #startOrSkip()} skips the calling test with a message
 * saying so, except in CI ({@code CI=true}), where a missing part is a failure. An HAProxy that is
 * installed but does not start fails the test. Close it to stop HAProxy and delete its directory.
 */
public final class HaproxyProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");

    /** What an unknown host gets, with status 404: nothing about the hosts that do exist. */
    public static final String NOT_FOUND_BODY = "404: no app answers at this address.\n";

    /** What a host whose app refuses or does not answer the connection gets, with status 502. */
    public static final String NOT_ANSWERING_BODY =
            "502: the app is not answering. It may be starting, stopped or crashed.\n";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final Optional<String> listenHost;
    private final int edgePort;
    private final int tlsPort;
    private Process process;

    private HaproxyProcess(Path directory, Optional<String> listenHost, int edgePort, int tlsPort) {
        this.directory = directory;
        this.listenHost = listenHost;
        this.edgePort = edgePort;
        this.tlsPort = tlsPort;
    }

    /**
     * The files the edge's config names: each must exist when HAProxy starts (an empty map or
     * crt-list is fine), and none may hold spaces, quotes, backslashes or {@code #}.
     *
     * @param adminSocket the admin socket's path (at most 107 bytes: a Unix socket's limit)
     * @param routesMap host name, space, {@code ip:port}, one a line
     * @param domainsMap custom domain, space, its service's platform host name, one a line
     * @param challengesMap HTTP-01 token, space, key authorization, one a line
     * @param defaultCertificate what the TLS port serves to a client naming no served domain (a PEM
     *     certificate and its key)
     * @param crtList the served domains' certificates, a PEM file's path a line
     */
    public record EdgeFiles(
            Path adminSocket,
            Path routesMap,
            Path domainsMap,
            Path challengesMap,
            Path defaultCertificate,
            Path crtList) {

        /** The files in {@code directory}, by the names {@link HaproxyProcess} gives them. */
        public static EdgeFiles in(Path directory) {
            return new EdgeFiles(
                    directory.resolve("haproxy.sock"),
                    directory.resolve("routes.map"),
                    directory.resolve("domains.map"),
                    directory.resolve("acme-challenges.map"),
                    directory.resolve("default.pem"),
                    directory.resolve("certificates.list"));
        }

        List<Path> all() {
            return List.of(
                    adminSocket, routesMap, domainsMap, challengesMap, defaultCertificate, crtList);
        }
    }

    /** {@link #start()}, or a skipped test where HAProxy is not installed and this is not CI. */
    public static HaproxyProcess startOrSkip() {
        RealParts.require(unavailableReason());
        return start();
    }

    /** Why HAProxy cannot run here (the package is missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(BINARY)
                ? Optional.empty()
                : Optional.of(
                        "Debian's haproxy is not installed ("
                                + BINARY
                                + "): apt-get install haproxy");
    }

    /**
     * Starts HAProxy serving on a free loopback port (and TLS on another); fails when it is missing
     * or does not start.
     */
    public static HaproxyProcess start() {
        return start(Optional.of(LOOPBACK), RegistryProcess.freePort());
    }

    /** {@link #start(Optional, int, int)} with TLS on a free port. */
    public static HaproxyProcess start(Optional<String> listenHost, int edgePort) {
        return start(listenHost, edgePort, RegistryProcess.freePort());
    }

    /**
     * Starts HAProxy serving on {@code edgePort}: on {@code listenHost} (an IP address, e.g. {@code
     * 127.0.0.1} or {@code ::1}), or on every interface, IPv4 and IPv6, when it is empty (so that
     * both addresses {@code *.localhost} resolves to answer), and TLS for custom domains on {@code
     * tlsPort} of the same address. Fails when HAProxy is missing ({@link #unavailableReason()}) or
     * does not start: the message carries its output.
     */
    public static HaproxyProcess start(Optional<String> listenHost, int edgePort, int tlsPort) {
        InstalledParts.require(unavailableReason());
        Path directory;
        try {
            directory = Files.createTempDirectory("haproxy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HaproxyProcess haproxy = new HaproxyProcess(directory, listenHost, edgePort, tlsPort);
        EdgeFiles files = EdgeFiles.in(directory);
        RegistryProcess.write(
                haproxy.configFile(), edgeConfig(listenHost, edgePort, tlsPort, files));
        for (Path empty :
                List.of(
                        files.routesMap(),
                        files.domainsMap(),
                        files.challengesMap(),
                        files.crtList())) {
            RegistryProcess.write(empty, "");
        }
        try {
            Files.createDirectories(haproxy.certificatesDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SelfSignedCertificate.write(files.defaultCertificate(), directory);
        haproxy.run();
        return haproxy;
    }

    /**
     * The edge's {@code haproxy.cfg}: requests are routed by their {@code Host} (lower case, any
     * {@code :port} dropped) through the map {@code mapFile} (host name, space, {@code ip:port},
     * one a line) to that address. An unknown host gets a 404 that lists nothing; an app that does
     * not take the connection gets a 502 saying so, without addresses. The app receives the Host as
     * sent and {@code X-Forwarded-For}/{@code -Proto}/{@code -Host}/{@code -Port}, set by the edge
     * alone: what a client sends in those is dropped. WebSockets and streamed responses pass as
     * they come. The admin socket ({@code level admin}: whoever can open it routes any host
     * anywhere, so it is readable by its owner only) is where {@code set map}/{@code add
     * map}/{@code del map} change the routes in the running process.
     *
     * <p>The TLS port serves the same routes to the custom domains whose certificates the crt-list
     * holds ({@code new/set/commit ssl cert} and {@code add/del ssl crt-list} change them at
     * runtime), with {@code X-Forwarded-Proto: https}. On both ports a custom domain is first
     * looked up in the domains map, which names its service's platform host: the domain then
     * follows that host's route, so a redeploy changes nothing for it. On the HTTP port, {@code GET
     * /.well-known/acme-challenge/<token>} is answered by the edge itself, before any route, from
     * the challenges map ({@code text/plain}, the key authorization): HTTP-01 works for a domain
     * not routed yet.
     *
     * @param listenHost the address to bind, or empty for every interface (IPv4 and IPv6)
     * @param listenPort where apps answer, e.g. 8080
     * @param tlsPort where custom domains answer over TLS, e.g. 8443
     * @param files the admin socket, maps, default certificate and crt-list the config names
     */
    public static String edgeConfig(
            Optional<String> listenHost, int listenPort, int tlsPort, EdgeFiles files) {
        requirePort("listenPort", listenPort);
        requirePort("tlsPort", tlsPort);
        if (listenPort == tlsPort) {
            throw new IllegalArgumentException(
                    "tlsPort must differ from listenPort (both " + listenPort + ")");
        }
        for (Path file : files.all()) {
            String path = file.toAbsolutePath().toString();
            if (path.matches(".*[\\s\"'\\\\#].*")) {
                throw new IllegalArgumentException(
                        "the edge's file paths (admin socket, maps, certificates) must not hold"
                                + " spaces, quotes, backslashes or '#' (got \""
                                + path
                                + "\")");
            }
        }
        String socket = absolute(files.adminSocket());
        String map = absolute(files.routesMap());
        String domains = absolute(files.domainsMap());
        String challenges = absolute(files.challengesMap());
        String bind = bind(listenHost, listenPort);
        String tlsBind =
                bind(listenHost, tlsPort)
                        + " ssl crt "
                        + absolute(files.defaultCertificate())
                        + " crt-list "
                        + absolute(files.crtList());
        return String.join(
                "\n",
                "# The single-host edge. Routes live in the map below and change through the admin",
                "# socket (set map / add map / del map), in the running process: never reload it",
                "# for a route change.",
                "global",
                "    stats socket " + socket + " mode 600 level admin",
                "    log stderr format raw local0 warning",
                "",
                "defaults",
                "    mode http",
                "    log global",
                "    # A refused connection is tried again twice, a second apart, then answered 502.",
                "    retries 2",
                "    timeout connect 5s",
                "    # Idle time allowed mid-exchange: long enough for long polling and event streams",
                "    # that stay quiet for minutes; a slow request's headers have 30 s.",
                "    timeout client 10m",
                "    timeout server 10m",
                "    timeout http-request 30s",
                "    timeout http-keep-alive 60s",
                "    # Once a WebSocket is upgraded, it stays open while idle up to this.",
                "    timeout tunnel 1h",
                "",
                "frontend edge",
                "    bind " + bind,
                "    bind " + tlsBind,
                "    # ACME HTTP-01, answered by the edge before any route: token -> key authorization.",
                "    http-request set-var(txn.acme) path,field(4,/),map("
                        + challenges
                        + ") if !{ ssl_fc } { path_reg ^/[.]well-known/acme-challenge/[-_A-Za-z0-9]+$ }",
                "    http-request return status 200 content-type text/plain lf-string"
                        + " \"%[var(txn.acme)]\" if { var(txn.acme) -m found }",
                "    http-request set-var(txn.host) req.hdr(host),field(1,:),lower",
                "    # A custom domain answers as its service's platform host (kept when it has none).",
                "    http-request set-var(txn.host) var(txn.host),map(" + domains + ")",
                "    http-request set-var(txn.upstream) var(txn.host),map(" + map + ")",
                "    http-request return status 404 content-type text/plain string \""
                        + escape(NOT_FOUND_BODY)
                        + "\" unless { var(txn.upstream) -m found }",
                "    # Only the edge speaks for the client: what it sent in these is dropped.",
                "    http-request del-header X-Forwarded-For",
                "    http-request set-header X-Forwarded-Proto https if { ssl_fc }",
                "    http-request set-header X-Forwarded-Proto http unless { ssl_fc }",
                "    http-request set-header X-Forwarded-Host %[req.hdr(host)]",
                "    http-request set-header X-Forwarded-Port %[dst_port]",
                "    option forwardfor",
                "    default_backend apps",
                "",
                "backend apps",
                "    # The app's address comes from the map: ip:port, or [ipv6]:port.",
                "    http-request set-dst var(txn.upstream),regsub(:[0-9]+$,),regsub(^\\\\[,),regsub(\\\\]$,)",
                "    http-request set-dst-port var(txn.upstream),field(-1,:)",
                "    # HAProxy answers 503 when it cannot connect; the edge says 502, as Traefik does,",
                "    # for its own error only (an app's own 503 passes unchanged).",
                "    http-error status 503 content-type text/plain string \""
                        + escape(NOT_ANSWERING_BODY)
                        + "\" hdr X-Edge-Unanswered 1",
                "    http-after-response set-status 502 reason \"Bad Gateway\" if { status 503 }"
                        + " { res.hdr(x-edge-unanswered) -m found }",
                "    http-after-response del-header X-Edge-Unanswered",
                "    server app 0.0.0.0:0",
                "");
    }

    /** The port apps answer on. */
    public int edgePort() {
        return edgePort;
    }

    /**
     * The port custom domains answer on over TLS: the value for {@code mcpdeploy.edge.tls-port}.
     */
    public int tlsPort() {
        return tlsPort;
    }

    /** An address that reaches the edge from this machine: the bound one, or {@code 127.0.0.1}. */
    public String edgeHost() {
        return listenHost.orElse(LOOPBACK);
    }

    /** The admin socket: the value for {@code mcpdeploy.edge.admin-socket}. */
    public Path adminSocket() {
        return EdgeFiles.in(directory).adminSocket();
    }

    /** The routes' map file: the value for {@code mcpdeploy.edge.map-file}. */
    public Path mapFile() {
        return EdgeFiles.in(directory).routesMap();
    }

    /** Custom domain to platform host: the value for {@code mcpdeploy.edge.domains-map-file}. */
    public Path domainsMapFile() {
        return EdgeFiles.in(directory).domainsMap();
    }

    /** HTTP-01 answers: the value for {@code mcpdeploy.edge.challenges-map-file}. */
    public Path challengesMapFile() {
        return EdgeFiles.in(directory).challengesMap();
    }

    /** The served certificates' list: the value for {@code mcpdeploy.edge.crt-list-file}. */
    public Path crtListFile() {
        return EdgeFiles.in(directory).crtList();
    }

    /**
     * Where the custom domains' certificates are kept: the value for {@code
     * mcpdeploy.edge.certificates-directory}.
     */
    public Path certificatesDirectory() {
        return directory.resolve("certificates");
    }

    /** The self-signed certificate served to a TLS client that names no served domain. */
    public Path defaultCertificateFile() {
        return EdgeFiles.in(directory).defaultCertificate();
    }

    /** The config HAProxy runs with. */
    public Path configFile() {
        return directory.resolve("haproxy.cfg");
    }

    /**
     * Stops HAProxy and starts it again with the same config: it serves the routes the map file
     * holds, as after a crash or a reboot.
     */
    public void restart() {
        stop();
        run();
    }

    /**
     * Stops HAProxy, empties its map file and starts it again: an edge without routes, as a new
     * machine's, which the platform must fill again from the apps it adopts.
     */
    public void restartWithoutRoutes() {
        stop();
        RegistryProcess.write(mapFile(), "");
        run();
    }

    /** Stops HAProxy as if it crashed or its machine went down; {@link #restart} brings it back. */
    public void stop() {
        if (process != null) {
            RegistryProcess.stop(process);
        }
    }

    private void run() {
        try {
            Files.deleteIfExists(adminSocket());
            process =
                    new ProcessBuilder(BINARY.toString(), "-f", configFile().toString(), "-db")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                            .start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        awaitStarted();
    }

    /** Waits until both the admin socket and the edge port take connections. */
    private void awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = RegistryProcess.read(log());
                close();
                throw new IllegalStateException(
                        "haproxy exited at start (" + process.exitValue() + "): " + tail);
            }
            if (adminAnswers() && answers(edgePort) && answers(tlsPort)) {
                return;
            }
            RegistryProcess.pause();
        }
        String tail = RegistryProcess.read(log());
        close();
        throw new IllegalStateException(
                "haproxy did not open "
                        + adminSocket()
                        + " and ports "
                        + edgePort
                        + ", "
                        + tlsPort
                        + " within "
                        + START_TIMEOUT
                        + ": "
                        + tail);
    }

    private boolean adminAnswers() {
        if (!Files.exists(adminSocket())) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(adminSocket()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(edgeHost(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String bind(Optional<String> listenHost, int port) {
        return listenHost
                .map(host -> bindAddress(host) + ":" + port)
                .orElse(":::" + port + " v4v6");
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 1 to 65535 (got " + port + ")");
        }
    }

    private static String absolute(Path file) {
        return file.toAbsolutePath().toString();
    }

    private static String bindAddress(String host) {
        String bare =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        if (!bare.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(
                    "listenHost must be an IP address, e.g. 127.0.0.1 or ::1 (got \""
                            + host
                            + "\")");
        }
        // HAProxy reads an IPv6 bind address up to its last colon: "::1:8080" is ::1, port 8080.
        return bare;
    }

    private static String escape(String body) {
        return body.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private Path log() {
        return directory.resolve("haproxy.log");
    }

    @Override
    public void close() {
        stop();
        Directories.deleteQuietly(directory);
    }
}
