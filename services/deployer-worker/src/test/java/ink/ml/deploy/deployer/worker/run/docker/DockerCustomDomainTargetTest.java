package ink.ml.deploy.deployer.worker.run.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.acme.AcmeDirectory;
import ink.ml.deploy.acme.CertificateIssuer;
import ink.ml.deploy.acme.PemFileAccountKeyStore;
import ink.ml.deploy.acme.PollBackoff;
import ink.ml.deploy.deployer.worker.run.edge.HaproxyEdgeDomains;
import ink.ml.deploy.deployer.worker.run.edge.HaproxyEdgeRoutes;
import ink.ml.deploy.deployer.worker.run.edge.UnsupportedEdgeDomains;
import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.testing.DnsServerProcess;
import ink.ml.deploy.testing.DnsZone;
import ink.ml.deploy.testing.HaproxyProcess;
import ink.ml.deploy.testing.PebbleProcess;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker target's custom domains for real: Debian's HAProxy as the edge answers HTTP-01 itself
 * and serves TLS, Debian's Pebble issues the certificates, resolving the test's domains with a real
 * BIND whose zone the test writes, and a small app behind the edge answers. Skipped where one of
 * them is not installed (fails in CI).
 */
class DockerCustomDomainTargetTest {
    private static final String PLATFORM_HOST = "web-shop-u1.apps.localhost";
    private static final ServiceRef SERVICE = ServiceRef.of("u1", "shop", "web");
    private static final PollBackoff QUICK =
            new PollBackoff(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(60));
    private static final String DEFAULT_SUBJECT = "CN=mcpdeploy edge default";

    private static HaproxyProcess haproxy;
    private static DnsServerProcess dns;
    private static PebbleProcess pebble;
    private static HttpServer blue;
    private static HttpServer green;
    private static HaproxyEdgeRoutes routes;
    private static HaproxyEdgeDomains domains;
    private static DockerCustomDomainTarget target;
    private static Path state;

    @BeforeAll
    static void startEdgeDnsAndPebble() throws Exception {
        haproxy = HaproxyProcess.startOrSkip();
        dns = DnsServerProcess.startOrSkip();
        dns.serve(
                DnsZone.named("example.test")
                        .a("app", "127.0.0.1")
                        .a("gone", "127.0.0.1")
                        .a("restart", "127.0.0.1")
                        .a("moved", "127.0.0.1")
                        .a("kept", "127.0.0.1")
                        .a("served", "127.0.0.1")
                        .a("other", "127.0.0.1")
                        .a("renewed", "127.0.0.1")
                        // Nothing answers HTTP-01 there: the edge listens on 127.0.0.1 only.
                        .a("elsewhere", "127.0.0.2"));
        pebble =
                PebbleProcess.startOrSkip(
                        haproxy.edgePort(),
                        Optional.of(new InetSocketAddress(dns.host(), dns.port())));
        blue = upstream("blue");
        green = upstream("green");
        routes =
                new HaproxyEdgeRoutes(
                        haproxy.adminSocket(), haproxy.mapFile(), Duration.ofSeconds(10));
        routes.route(PLATFORM_HOST, address(blue));
        domains =
                new HaproxyEdgeDomains(
                        haproxy.adminSocket(),
                        haproxy.domainsMapFile(),
                        haproxy.challengesMapFile(),
                        haproxy.certificatesDirectory(),
                        haproxy.crtListFile(),
                        Duration.ofSeconds(10));
        state = Files.createTempDirectory("acme-account-");
        target =
                new DockerCustomDomainTarget(
                        domains,
                        Optional.of(
                                new CertificateIssuer(
                                        AcmeDirectory.trusting(
                                                pebble.directoryUrl(),
                                                pebble.directoryCertificatePem()),
                                        new PemFileAccountKeyStore(state.resolve("account.pem")),
                                        domains.challenges(),
                                        QUICK)),
                        "no ACME server",
                        service -> service.hostLabel() + ".apps.localhost");
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (target != null) {
            target.close();
        }
        for (HttpServer server : new HttpServer[] {blue, green}) {
            if (server != null) {
                server.stop(0);
            }
        }
        if (pebble != null) {
            pebble.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (state != null) {
            Files.deleteIfExists(state.resolve("account.pem"));
            Files.deleteIfExists(state);
        }
    }

    @Test
    void issuesByHttp01OnTheEdgeThenServesTheDomainOverTlsAsItsServicesHost() throws Exception {
        CustomDomainSpec app = spec("app.example.test");
        assertThat(target.certificateState(app).phase()).isEqualTo(CertificatePhase.NOT_REQUESTED);

        target.requestCertificate(app);

        assertThat(target.certificateState(app))
                .isEqualTo(CertificateState.of(CertificatePhase.READY));
        // Phase 1 keeps the certificate without serving it.
        assertThat(
                        TlsTestClient.getUnverified(haproxy.tlsPort(), "app.example.test", "/")
                                .certificateSubject())
                .isEqualTo(DEFAULT_SUBJECT);

        target.serveTls(app);

        TlsTestClient.Answer answer =
                TlsTestClient.get(
                        haproxy.tlsPort(), "app.example.test", "/", pebble.issuingRootPem());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body())
                .contains("app=blue")
                .contains("host=app.example.test")
                .contains("x-forwarded-proto=https");
        assertThat(answer.certificateSubject()).isEqualTo("CN=app.example.test");
        TlsTestClient.Answer plain =
                TlsTestClient.plainGet(haproxy.edgePort(), "app.example.test", "/");
        assertThat(plain.body()).contains("app=blue").contains("x-forwarded-proto=http\n");
        Path kept = haproxy.certificatesDirectory().resolve("app.example.test.pem");
        assertThat(Files.getPosixFilePermissions(kept))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(haproxy.crtListFile())).contains(kept.toString());
        assertThat(Files.readString(haproxy.domainsMapFile()))
                .contains("app.example.test " + PLATFORM_HOST);
    }

    @Test
    void aCertificateDueForRenewalIsIssuedAgainAndServedOnlyOnceServeTlsTakesIt() throws Exception {
        CustomDomainSpec renewed = spec("renewed.example.test");
        target.requestCertificate(renewed);
        target.serveTls(renewed);
        X509Certificate first = domains.storedCertificate("renewed.example.test").orElseThrow();

        target.requestCertificate(renewed);
        assertThat(domains.storedCertificate("renewed.example.test").orElseThrow())
                .as("not due: asking again changes nothing")
                .isEqualTo(first);

        // The same edge and CA a day before the certificate expires.
        Clock late =
                Clock.fixed(
                        first.getNotAfter().toInstant().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        try (DockerCustomDomainTarget later =
                new DockerCustomDomainTarget(
                        domains,
                        Optional.of(
                                new CertificateIssuer(
                                        AcmeDirectory.trusting(
                                                pebble.directoryUrl(),
                                                pebble.directoryCertificatePem()),
                                        new PemFileAccountKeyStore(state.resolve("account.pem")),
                                        domains.challenges(),
                                        QUICK)),
                        "no ACME server",
                        service -> service.hostLabel() + ".apps.localhost",
                        late)) {
            later.requestCertificate(renewed);

            X509Certificate second =
                    domains.storedCertificate("renewed.example.test").orElseThrow();
            assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(later.certificateState(renewed))
                    .isEqualTo(CertificateState.of(CertificatePhase.READY));
            later.serveTls(renewed);
        }
        TlsTestClient.Answer answer =
                TlsTestClient.get(
                        haproxy.tlsPort(), "renewed.example.test", "/", pebble.issuingRootPem());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.certificateSubject()).isEqualTo("CN=renewed.example.test");
    }

    @Test
    void aRedeployMovesTheDomainWithItsServicesHostWithoutTouchingTheDomain() throws Exception {
        CustomDomainSpec moved = spec("moved.example.test");
        target.requestCertificate(moved);
        target.serveTls(moved);

        routes.route(PLATFORM_HOST, address(green));
        try {
            assertThat(
                            TlsTestClient.get(
                                            haproxy.tlsPort(),
                                            "moved.example.test",
                                            "/",
                                            pebble.issuingRootPem())
                                    .body())
                    .contains("app=green");
        } finally {
            routes.route(PLATFORM_HOST, address(blue));
        }
    }

    @Test
    void aDomainWhoseHttp01CannotBeReachedFailsWithPebblesOwnReasonAsRetryable() {
        CustomDomainSpec elsewhere = spec("elsewhere.example.test");

        target.requestCertificate(elsewhere);

        CertificateState state = target.certificateState(elsewhere);
        assertThat(state.phase()).isEqualTo(CertificatePhase.FAILED);
        // A connection problem may be a record still propagating: libs/acme calls it transient.
        assertThat(state.retryable()).isTrue();
        assertThat(state.reason()).contains("127.0.0.2").contains("connection refused");
        assertThat(domains.storedCertificate("elsewhere.example.test")).isEmpty();
        assertThatThrownBy(() -> target.serveTls(elsewhere))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("no valid certificate is kept for elsewhere.example.test");
    }

    @Test
    void aDomainTheCaRefusesFailsWithItsReasonAsPermanent() {
        CustomDomainSpec blocked = spec("app." + PebbleProcess.BLOCKED_DOMAIN);

        target.requestCertificate(blocked);

        CertificateState state = target.certificateState(blocked);
        assertThat(state.phase()).isEqualTo(CertificatePhase.FAILED);
        assertThat(state.retryable()).isFalse();
        assertThat(state.reason())
                .contains("forbidden by policy")
                .contains("app." + PebbleProcess.BLOCKED_DOMAIN);
    }

    @Test
    void removeTakesTheCertificateAndTheAliasAwayAndIsIdempotent() throws Exception {
        CustomDomainSpec gone = spec("gone.example.test");
        target.requestCertificate(gone);
        target.serveTls(gone);
        assertThat(
                        TlsTestClient.get(
                                        haproxy.tlsPort(),
                                        "gone.example.test",
                                        "/",
                                        pebble.issuingRootPem())
                                .status())
                .isEqualTo(200);

        target.remove(gone);

        TlsTestClient.Answer after =
                TlsTestClient.getUnverified(haproxy.tlsPort(), "gone.example.test", "/");
        assertThat(after.certificateSubject()).isEqualTo(DEFAULT_SUBJECT);
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.body()).isEqualTo(HaproxyProcess.NOT_FOUND_BODY);
        assertThatThrownBy(
                        () ->
                                TlsTestClient.get(
                                        haproxy.tlsPort(),
                                        "gone.example.test",
                                        "/",
                                        pebble.issuingRootPem()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(TlsTestClient.plainGet(haproxy.edgePort(), "gone.example.test", "/").status())
                .isEqualTo(404);
        assertThat(target.certificateState(gone).phase()).isEqualTo(CertificatePhase.NOT_REQUESTED);
        assertThat(haproxy.certificatesDirectory().resolve("gone.example.test.pem")).doesNotExist();
        assertThat(Files.readString(haproxy.crtListFile())).doesNotContain("gone.example.test");
        assertThat(Files.readString(haproxy.domainsMapFile())).doesNotContain("gone.example.test");
        assertThat(domains.domains()).doesNotContainKey("gone.example.test");
        assertThatCode(() -> target.remove(gone)).doesNotThrowAnyException();
    }

    @Test
    void aRestartedHaproxyKeepsServingTheCertificateAndTheAlias() throws Exception {
        CustomDomainSpec restart = spec("restart.example.test");
        target.requestCertificate(restart);
        target.serveTls(restart);

        haproxy.restart();

        TlsTestClient.Answer answer =
                TlsTestClient.get(
                        haproxy.tlsPort(), "restart.example.test", "/", pebble.issuingRootPem());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("app=blue").contains("host=restart.example.test");
        // Served again after the restart: a second serve finds it loaded and listed once.
        target.serveTls(restart);
        assertThat(
                        Files.readString(haproxy.crtListFile())
                                .lines()
                                .filter(line -> line.contains("restart.example.test")))
                .hasSize(1);
    }

    @Test
    void deletingAServiceTakesItsDomainsAwayServedOrOnlyKeptAndLeavesAnotherServicesDomain()
            throws Exception {
        CustomDomainSpec kept = spec("kept.example.test");
        CustomDomainSpec served = spec("served.example.test");
        CustomDomainSpec other =
                new CustomDomainSpec(
                        ServiceRef.of("u2", "shop", "web"),
                        new CustomDomain("other.example.test"),
                        AppPort.of(8080));
        target.requestCertificate(kept);
        target.requestCertificate(served);
        target.serveTls(served);
        target.requestCertificate(other);

        DockerExecutionTarget.removeCustomDomains(domains, SERVICE);

        assertThat(domains.domains())
                .doesNotContainKeys("kept.example.test", "served.example.test")
                .containsEntry("other.example.test", "web-shop-u2.apps.localhost");
        assertThat(target.certificateState(kept).phase()).isEqualTo(CertificatePhase.NOT_REQUESTED);
        assertThat(target.certificateState(other).phase()).isEqualTo(CertificatePhase.READY);
        assertThat(
                        TlsTestClient.getUnverified(haproxy.tlsPort(), "served.example.test", "/")
                                .status())
                .isEqualTo(404);
        target.remove(other);
    }

    @Test
    void aDirectoryUrlThatIsNotHttpsIsRefusedNamingItsKey() {
        assertThatThrownBy(
                        () ->
                                DockerCustomDomainTarget.from(
                                        domains,
                                        acme(Optional.of("http://127.0.0.1:14000/dir")),
                                        service -> PLATFORM_HOST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mcpdeploy.acme.directory-url must be");
    }

    @Test
    void withoutAnAcmeServerTheStateSaysPlainlyThatNoCertificateCanBeHad() {
        DockerCustomDomainTarget unconfigured =
                DockerCustomDomainTarget.from(
                        domains, acme(Optional.empty()), service -> PLATFORM_HOST);
        CustomDomainSpec app = spec("unconfigured.example.test");

        unconfigured.requestCertificate(app);

        CertificateState state = unconfigured.certificateState(app);
        assertThat(state.phase()).isEqualTo(CertificatePhase.FAILED);
        assertThat(state.retryable()).isFalse();
        assertThat(state.reason())
                .contains("no ACME server is configured (mcpdeploy.acme.directory-url)");
        unconfigured.close();
    }

    @Test
    void onAnEdgeThatCannotServeDomainsTheStateSaysWhichEdgeIsNeeded() {
        String reason = "custom domains need the haproxy edge (mcpdeploy.edge.kind=haproxy)";
        DockerCustomDomainTarget onCaddy =
                DockerCustomDomainTarget.from(
                        new UnsupportedEdgeDomains(reason),
                        acme(Optional.of(pebble.directoryUrl().toString())),
                        service -> PLATFORM_HOST);
        CustomDomainSpec app = spec("caddy.example.test");

        onCaddy.requestCertificate(app);

        assertThat(onCaddy.certificateState(app)).isEqualTo(CertificateState.failed(reason, false));
        assertThatThrownBy(() -> onCaddy.serveTls(app)).hasMessageContaining(reason);
        onCaddy.close();
    }

    private static CustomDomainSpec spec(String domain) {
        return new CustomDomainSpec(SERVICE, new CustomDomain(domain), AppPort.of(8080));
    }

    private static AcmeConfig acme(Optional<String> directoryUrl) {
        return new AcmeConfig() {
            @Override
            public Optional<String> directoryUrl() {
                return directoryUrl;
            }

            @Override
            public Optional<String> trustedCertificates() {
                return Optional.of(pebble.directoryCertificateFile().toString());
            }

            @Override
            public String accountKeyFile() {
                return state.resolve("unused-account.pem").toString();
            }
        };
    }

    /** An app on loopback answering with its name and the Host and X-Forwarded-Proto it got. */
    private static HttpServer upstream(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    byte[] body =
                            ("app="
                                            + name
                                            + "\nhost="
                                            + exchange.getRequestHeaders().getFirst("Host")
                                            + "\nx-forwarded-proto="
                                            + exchange.getRequestHeaders()
                                                    .getFirst("X-Forwarded-Proto")
                                            + "\n")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        return server;
    }

    private static String address(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort();
    }
}
