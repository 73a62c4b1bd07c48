package ink.ml.deploy.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's Pebble ({@code /usr/bin/pebble} 2.4), Let's Encrypt's ACME test server, on free loopback
 * ports: the real ACME server (RFC 8555) that the certificate issuance is tested against. Its
 * directory is served over HTTPS with a certificate made for this run ({@link
 * #directoryCertificatePem()}: what a client trusts); the certificates it issues chain up to a root
 * it makes at every start ({@link #issuingRootPem()}).
 *
 * <p>Pebble validates HTTP-01 by connecting to the identifier's address on {@code http01Port} (the
 * test's own responder). It resolves the identifier with the DNS server it is given, or else with
 * its own {@code pebble-challtestsrv} (same package) answering 127.0.0.1 to every A question and
 * nothing to AAAA, so that a name such as {@code app.example.test} reaches the test on loopback.
 *
 * <p>Every validation runs at once ({@code PEBBLE_VA_NOSLEEP}), no valid nonce is refused ({@code
 * PEBBLE_WFE_NONCEREJECT=0}) and no authorization is reused across orders ({@code
 * PEBBLE_AUTHZREUSE=0}), so that each order is validated and each run goes the same way. It refuses
 * {@link #BLOCKED_DOMAIN} by policy. Close it to stop both programs and delete its directory.
 *
 * <p>Where the package is missing, {@link #startOrSkip} skips the calling test with a message
 * saying so ({@link RealParts}: in CI it fails); a Pebble that is installed but does not start
 * fails the test, with its output.
 */
public final class PebbleProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/pebble");
    public static final Path DNS_BINARY = Path.of("/usr/bin/pebble-challtestsrv");

    /**
     * A domain this Pebble refuses to issue for, as a CA's policy would (it and every name under
     * it): its orders fail with {@code urn:ietf:params:acme:error:rejectedIdentifier}.
     */
    public static final String BLOCKED_DOMAIN = "blocked.example.test";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final int port = RegistryProcess.freePort();
    private final int managementPort = RegistryProcess.freePort();
    private final int http01Port;
    private Optional<InetSocketAddress> dnsServer;
    private Process dns;
    private Process pebble;
    private HttpClient http;
    private String directoryCertificatePem;
    private String issuingRootPem;
    private String issuingIntermediatePem;

    private PebbleProcess(Path directory, int http01Port, Optional<InetSocketAddress> dnsServer) {
        this.directory = directory;
        this.http01Port = http01Port;
        this.dnsServer = dnsServer;
    }

    /** {@link #start(int)}, or a skipped test where Pebble is not installed and this is not CI. */
    public static PebbleProcess startOrSkip(int http01Port) {
        RealParts.require(unavailableReason());
        return start(http01Port);
    }

    /**
     * {@link #start(int, Optional)}, or a skipped test where Pebble is not installed and this is
     * not CI.
     */
    public static PebbleProcess startOrSkip(int http01Port, Optional<InetSocketAddress> dnsServer) {
        RealParts.require(unavailableReason());
        return start(http01Port, dnsServer);
    }

    /** Why Pebble cannot run here (the package is missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DNS_BINARY)
                ? Optional.empty()
                : Optional.of(
                        "Debian's pebble is not installed ("
                                + BINARY
                                + ", "
                                + DNS_BINARY
                                + "): scripts/host-packages installs it");
    }

    /**
     * Starts Pebble validating HTTP-01 on {@code http01Port}, with every name resolving to
     * 127.0.0.1 (its own {@code pebble-challtestsrv}).
     */
    public static PebbleProcess start(int http01Port) {
        return start(http01Port, Optional.empty());
    }

    /**
     * Starts Pebble validating HTTP-01 on {@code http01Port} of the address that {@code dnsServer}
     * gives for the identifier (a DNS server the test runs, with its own zones), or of 127.0.0.1
     * for every name when it is empty. Returns once its directory answers and its issuing
     * certificates are read; fails when it is missing ({@link #unavailableReason()}) or does not
     * start.
     */
    public static PebbleProcess start(int http01Port, Optional<InetSocketAddress> dnsServer) {
        if (http01Port < 1 || http01Port > 65535) {
            throw new IllegalArgumentException(
                    "http01Port must be a TCP port, 1-65535 (got " + http01Port + ")");
        }
        InstalledParts.require(unavailableReason());
        Path directory;
        try {
            directory = Files.createTempDirectory("pebble-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PebbleProcess process = new PebbleProcess(directory, http01Port, dnsServer);
        try {
            process.run();
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    /** The ACME directory, e.g. {@code https://127.0.0.1:41234/dir}. */
    public URI directoryUrl() {
        return URI.create("https://" + LOOPBACK + ":" + port + "/dir");
    }

    /**
     * PEM of the certificate the directory is served with (made for this run, for 127.0.0.1 and
     * localhost): the one certificate an ACME client trusts to reach this Pebble.
     */
    public String directoryCertificatePem() {
        return directoryCertificatePem;
    }

    /** {@link #directoryCertificatePem()} as a file, e.g. for {@code curl --cacert}. */
    public Path directoryCertificateFile() {
        return directory.resolve("directory-cert.pem");
    }

    /**
     * PEM of the root that the certificates this Pebble issues chain up to (its management API's
     * {@code /roots/0}; made anew at every start): what a client of an issued certificate trusts.
     */
    public String issuingRootPem() {
        return issuingRootPem;
    }

    /** {@link #issuingRootPem()} as a file, e.g. for {@code curl --cacert}. */
    public Path issuingRootFile() {
        return directory.resolve("issuing-root.pem");
    }

    /**
     * PEM of the intermediate that signs the certificates (management API {@code
     * /intermediates/0}).
     */
    public String issuingIntermediatePem() {
        return issuingIntermediatePem;
    }

    /** The management API's base, e.g. {@code https://127.0.0.1:41235} (same certificate). */
    public URI managementUrl() {
        return URI.create("https://" + LOOPBACK + ":" + managementPort);
    }

    /** The DNS server Pebble resolves identifiers with (its own, or the one it was given). */
    public InetSocketAddress dnsServer() {
        return dnsServer.orElseThrow();
    }

    /** The port Pebble connects to for HTTP-01. */
    public int http01Port() {
        return http01Port;
    }

    /** An HTTP client that trusts {@link #directoryCertificatePem()} and nothing else. */
    public HttpClient httpClient() {
        return http;
    }

    private void run() {
        makeDirectoryCertificate();
        http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(1))
                        .sslContext(trusting(directoryCertificatePem))
                        .build();
        if (dnsServer.isEmpty()) {
            startDns();
        }
        RegistryProcess.write(config(), configJson());
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    BINARY.toString(),
                                    "-config",
                                    config().toString(),
                                    "-dnsserver",
                                    address(dnsServer.orElseThrow()))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment()
                    .putAll(
                            Map.of(
                                    "PEBBLE_VA_NOSLEEP", "1",
                                    "PEBBLE_WFE_NONCEREJECT", "0",
                                    "PEBBLE_AUTHZREUSE", "0"));
            pebble = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        HttpReadiness.await(http, "pebble", pebble, directoryUrl(), START_TIMEOUT, log(), () -> {});
        issuingRootPem = management("/roots/0");
        issuingIntermediatePem = management("/intermediates/0");
        RegistryProcess.write(issuingRootFile(), issuingRootPem);
    }

    private void makeDirectoryCertificate() {
        Path key = directory.resolve("directory-key.pem");
        Path certificate = directoryCertificateFile();
        try {
            Process openssl =
                    new ProcessBuilder(
                                    "openssl",
                                    "req",
                                    "-x509",
                                    "-newkey",
                                    "ec",
                                    "-pkeyopt",
                                    "ec_paramgen_curve:prime256v1",
                                    "-nodes",
                                    "-keyout",
                                    key.toString(),
                                    "-out",
                                    certificate.toString(),
                                    "-days",
                                    "30",
                                    "-subj",
                                    "/CN=mcpdeploy-test-pebble",
                                    "-addext",
                                    "subjectAltName=IP:" + LOOPBACK + ",DNS:localhost")
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException(
                        "openssl could not make Pebble's certificate: " + output);
            }
            directoryCertificatePem = Files.readString(certificate, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making Pebble's certificate", e);
        }
    }

    private String configJson() {
        // httpPort: where its VA connects for HTTP-01; tlsPort (TLS-ALPN-01) is never used here
        // but must be a port, and a free one keeps it from reaching anything else.
        return String.join(
                "\n",
                "{",
                "  \"pebble\": {",
                "    \"listenAddress\": \"" + LOOPBACK + ":" + port + "\",",
                "    \"managementListenAddress\": \"" + LOOPBACK + ":" + managementPort + "\",",
                "    \"certificate\": \"" + directoryCertificateFile() + "\",",
                "    \"privateKey\": \"" + directory.resolve("directory-key.pem") + "\",",
                "    \"httpPort\": " + http01Port + ",",
                "    \"tlsPort\": " + RegistryProcess.freePort() + ",",
                "    \"ocspResponderURL\": \"\",",
                "    \"externalAccountBindingRequired\": false,",
                "    \"domainBlocklist\": [\"" + BLOCKED_DOMAIN + "\"]",
                "  }",
                "}",
                "");
    }

    /** {@code pebble-challtestsrv} as a DNS server only: A 127.0.0.1 for every name, no AAAA. */
    private void startDns() {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, RegistryProcess.freePort());
        List<String> command = new ArrayList<>();
        command.addAll(
                List.of(
                        DNS_BINARY.toString(),
                        "-dns01",
                        address(address),
                        "-management",
                        LOOPBACK + ":" + RegistryProcess.freePort(),
                        "-defaultIPv4",
                        LOOPBACK,
                        "-defaultIPv6",
                        ""));
        for (String unused : List.of("-http01", "-https01", "-tlsalpn01")) {
            command.add(unused);
            command.add("");
        }
        try {
            dns =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            directory.resolve("challtestsrv.log").toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + DNS_BINARY, e);
        }
        awaitListening(address);
        dnsServer = Optional.of(address);
    }

    private void awaitListening(InetSocketAddress address) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!dns.isAlive()) {
                throw new IllegalStateException(
                        "pebble-challtestsrv exited at start ("
                                + dns.exitValue()
                                + "): "
                                + RegistryProcess.read(directory.resolve("challtestsrv.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                return;
            } catch (IOException e) {
                // Not listening yet.
            }
            RegistryProcess.pause();
        }
        throw new IllegalStateException(
                "pebble-challtestsrv did not listen on "
                        + address(address)
                        + " within "
                        + START_TIMEOUT
                        + ": "
                        + RegistryProcess.read(directory.resolve("challtestsrv.log")));
    }

    private String management(String path) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(managementUrl().resolve(path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "pebble's management API answered "
                                + response.statusCode()
                                + " to "
                                + path
                                + ": "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("pebble's management API did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + path, e);
        }
    }

    private static SSLContext trusting(String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(
                                    new ByteArrayInputStream(
                                            pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("trusted-" + index++, certificate);
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust Pebble's certificate", e);
        }
    }

    private static String address(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private Path config() {
        return directory.resolve("pebble-config.json");
    }

    private Path log() {
        return directory.resolve("pebble.log");
    }

    /** Stops Pebble and its DNS server, and deletes its directory. */
    @Override
    public void close() {
        if (pebble != null) {
            RegistryProcess.stop(pebble);
        }
        if (dns != null) {
            RegistryProcess.stop(dns);
        }
        Directories.deleteQuietly(directory);
    }
}
