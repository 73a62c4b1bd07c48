package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Debian's Pebble on loopback; skipped where it is not installed. */
class PebbleProcessTest {

    @Test
    void servesItsDirectoryOverTheRunsOwnCertificateAndItsIssuingChainAndLeavesNothingBehind()
            throws Exception {
        Path directory;
        try (PebbleProcess pebble = PebbleProcess.startOrSkip(RegistryProcess.freePort())) {
            directory = pebble.directoryCertificateFile().getParent();

            HttpResponse<String> answer =
                    pebble.httpClient()
                            .send(
                                    HttpRequest.newBuilder(pebble.directoryUrl()).build(),
                                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"newOrder\"").contains("\"newAccount\"");
            X509Certificate root = certificate(pebble.issuingRootPem());
            X509Certificate intermediate = certificate(pebble.issuingIntermediatePem());
            intermediate.verify(root.getPublicKey());
            assertThat(root.getSubjectX500Principal().getName()).contains("Pebble Root CA");
            assertThat(pebble.issuingRootFile()).hasContent(pebble.issuingRootPem());
            assertThat(pebble.dnsServer().getAddress().isLoopbackAddress()).isTrue();
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void aClientWithoutTheRunsCertificateIsRefused() {
        try (PebbleProcess pebble = PebbleProcess.startOrSkip(RegistryProcess.freePort())) {
            HttpClient untrusting =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            assertThatThrownBy(
                            () ->
                                    untrusting.send(
                                            HttpRequest.newBuilder(pebble.directoryUrl()).build(),
                                            HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void resolvesWithTheDnsServerItIsGivenInsteadOfItsOwn() {
        try (PebbleProcess first = PebbleProcess.startOrSkip(RegistryProcess.freePort());
                PebbleProcess second =
                        PebbleProcess.start(
                                RegistryProcess.freePort(), Optional.of(first.dnsServer()))) {
            assertThat(second.dnsServer()).isEqualTo(first.dnsServer());
            assertThat(second.directoryCertificateFile().getParent())
                    .isDirectoryNotContaining("glob:**/challtestsrv.log");
        }
    }

    @Test
    void refusesAPortThatIsNone() {
        assertThatThrownBy(() -> PebbleProcess.start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http01Port");
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
