package ink.ml.deploy.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ink.ml.deploy.testing.PebbleProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuance against the real Pebble (Let's Encrypt's test server, Debian's package), which validates
 * HTTP-01 against {@link LoopbackHttp01Server} and resolves every name to 127.0.0.1; skipped where
 * Pebble is not installed (fails in CI).
 */
class CertificateIssuerTest {
    private static final String DOMAIN = "app.example.test";
    private static final PollBackoff QUICK =
            new PollBackoff(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(60));

    private static LoopbackHttp01Server http01;
    private static PebbleProcess pebble;

    @TempDir Path state;

    @BeforeAll
    static void startPebble() {
        http01 = LoopbackHttp01Server.start();
        pebble = PebbleProcess.startOrSkip(http01.port());
    }

    @AfterAll
    static void stopPebble() {
        if (pebble != null) {
            pebble.close();
        }
        http01.close();
    }

    @Test
    void issuesACertificateForTheDomainThatChainsUpToPebblesRootWithItsOwnKey() throws Exception {
        IssuedCertificate issued = issuer(http01).issue(DOMAIN);

        List<X509Certificate> chain = certificates(issued.certificateChainPem());
        X509Certificate leaf = chain.get(0);
        verifyChain(chain, certificates(pebble.issuingRootPem()).get(0));
        assertThat(leaf.getSubjectAlternativeNames())
                .containsExactly(List.of(2, DOMAIN)); // 2: dNSName
        assertThat(signsFor(issued.privateKeyPem(), leaf)).isTrue();
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(issued.notAfter()).isEqualTo(leaf.getNotAfter().toInstant());
        assertThat(issued.domain()).isEqualTo(DOMAIN);
        assertThat(http01.answeredHosts()).anyMatch(host -> host.startsWith(DOMAIN));
        assertThat(http01.published()).isEmpty();
        assertThat(issued.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aWrongHttp01AnswerFailsWithPebblesUnauthorizedReasonAsPermanent() {
        Http01Responder wrongAnswer =
                new Http01Responder() {
                    @Override
                    public void publish(String token, String keyAuthorization) {
                        http01.publish(token, "not-" + keyAuthorization);
                    }

                    @Override
                    public void withdraw(String token) {
                        http01.withdraw(token);
                    }
                };

        IssuanceFailure failure =
                catchThrowableOfType(
                        IssuanceFailure.class,
                        () -> issuer(wrongAnswer).issue("wrong.example.test"));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.problemType())
                .contains(URI.create("urn:ietf:params:acme:error:unauthorized"));
        assertThat(failure.detail()).containsIgnoringCase("key authorization");
        assertThat(failure.domain()).isEqualTo("wrong.example.test");
        assertThat(http01.published()).isEmpty();
    }

    @Test
    void aDomainTheCaRefusesByPolicyFailsWithItsRejectedIdentifierReasonAsPermanent() {
        IssuanceFailure failure =
                catchThrowableOfType(
                        IssuanceFailure.class,
                        () -> issuer(http01).issue("app." + PebbleProcess.BLOCKED_DOMAIN));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.problemType())
                .contains(URI.create("urn:ietf:params:acme:error:rejectedIdentifier"));
        assertThat(failure.detail()).contains("app." + PebbleProcess.BLOCKED_DOMAIN);
    }

    @Test
    void aDirectoryThatIsDownIsTransient() {
        URI down = URI.create("https://127.0.0.1:" + freePort() + "/dir");
        CertificateIssuer issuer =
                new CertificateIssuer(
                        AcmeDirectory.trusting(down, pebble.directoryCertificatePem()),
                        new PemFileAccountKeyStore(state.resolve("account.pem")),
                        http01,
                        QUICK);

        IssuanceFailure failure =
                catchThrowableOfType(IssuanceFailure.class, () -> issuer.issue(DOMAIN));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.problemType()).isEmpty();
        assertThat(failure.detail()).startsWith("cannot reach the ACME server at " + down);
    }

    @Test
    void aDirectoryWhoseCertificateIsNotTrustedIsRefusedAsPermanent() {
        CertificateIssuer issuer =
                new CertificateIssuer(
                        AcmeDirectory.withDefaultTrust(pebble.directoryUrl()),
                        new PemFileAccountKeyStore(state.resolve("account.pem")),
                        http01,
                        QUICK);

        IssuanceFailure failure =
                catchThrowableOfType(IssuanceFailure.class, () -> issuer.issue(DOMAIN));

        assertThat(failure.kind()).as(failure.detail()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.detail())
                .startsWith(
                        "the TLS certificate of the ACME server at "
                                + pebble.directoryUrl()
                                + " is not trusted");
        assertThat(failure).hasStackTraceContaining(SSLHandshakeException.class.getName());
    }

    @Test
    void reusesTheStoredAccountKeyAcrossIssuances() throws Exception {
        PemFileAccountKeyStore store = new PemFileAccountKeyStore(state.resolve("account.pem"));

        IssuedCertificate first = issuer(http01, store).issue(DOMAIN);
        String storedKey = Files.readString(store.file());
        IssuedCertificate second = issuer(http01, store).issue("second.example.test");

        assertThat(second.account()).isEqualTo(first.account());
        assertThat(store.file()).hasContent(storedKey);
        assertThat(second.privateKeyPem()).isNotEqualTo(first.privateKeyPem());
    }

    @Test
    void refusesWhatIsNotOneDomainBeforeAskingTheServer() {
        for (String notOne : List.of("*.example.test", "App.example.test", "https://x.test", "x")) {
            assertThatThrownBy(() -> issuer(http01).issue(notOne))
                    .as(notOne)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("domain must be one lower-case DNS name");
        }
    }

    private CertificateIssuer issuer(Http01Responder responder) {
        return issuer(responder, new PemFileAccountKeyStore(state.resolve("account.pem")));
    }

    private static CertificateIssuer issuer(Http01Responder responder, AccountKeyStore store) {
        return new CertificateIssuer(
                AcmeDirectory.trusting(pebble.directoryUrl(), pebble.directoryCertificatePem()),
                store,
                responder,
                QUICK);
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .stream()
                .map(X509Certificate.class::cast)
                .toList();
    }

    private static void verifyChain(List<X509Certificate> chain, X509Certificate root)
            throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(chain),
                        parameters);
    }

    /** True when the key in {@code pkcs8Pem} makes signatures that {@code leaf}'s key verifies. */
    private static boolean signsFor(String pkcs8Pem, X509Certificate leaf) throws Exception {
        String base64 =
                pkcs8Pem.replace("-----BEGIN PRIVATE KEY-----", "")
                        .replace("-----END PRIVATE KEY-----", "")
                        .replaceAll("\\s", "");
        PrivateKey key =
                KeyFactory.getInstance("EC")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        byte[] data = "mcpdeploy".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
