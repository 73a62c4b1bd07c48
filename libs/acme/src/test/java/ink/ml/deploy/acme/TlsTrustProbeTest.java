package ink.ml.deploy.acme;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PebbleProcess;
import java.net.URI;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handshake of its own against the real Pebble's TLS; skipped where Pebble is not installed.
 */
class TlsTrustProbeTest {
    private static LoopbackHttp01Server http01;
    private static PebbleProcess pebble;

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
    void aCertificateOutsideTheTrustIsReportedWithItsCertificateError() {
        assertThat(
                        TlsTrustProbe.certificateRefusal(
                                AcmeDirectory.withDefaultTrust(pebble.directoryUrl())))
                .hasValueSatisfying(
                        refusal -> {
                            assertThat(refusal).isInstanceOf(SSLException.class);
                            assertThat(refusal)
                                    .hasRootCauseInstanceOf(GeneralSecurityException.class);
                        });
    }

    @Test
    void aTrustedCertificateIsNoRefusal() {
        assertThat(
                        TlsTrustProbe.certificateRefusal(
                                AcmeDirectory.trusting(
                                        pebble.directoryUrl(), pebble.directoryCertificatePem())))
                .isEmpty();
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsNoRefusal() {
        URI plainHttp = URI.create("https://127.0.0.1:" + http01.port() + "/dir");

        assertThat(TlsTrustProbe.certificateRefusal(AcmeDirectory.withDefaultTrust(plainHttp)))
                .isEmpty();
    }
}
