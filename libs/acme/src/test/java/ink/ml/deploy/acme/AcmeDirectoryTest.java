package ink.ml.deploy.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AcmeDirectoryTest {

    @Test
    void refusesADirectoryThatIsNotHttps() {
        assertThatThrownBy(
                        () ->
                                AcmeDirectory.withDefaultTrust(
                                        URI.create("http://127.0.0.1:14000/dir")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url must be an https:// URL");
    }

    @Test
    void refusesTrustThatHoldsNoCertificate() {
        URI url = URI.create("https://127.0.0.1:14000/dir");

        assertThatThrownBy(() -> AcmeDirectory.trusting(url, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trustedPem holds no certificate");
        assertThatThrownBy(
                        () ->
                                AcmeDirectory.trusting(
                                        url,
                                        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trustedPem must hold PEM certificates");
    }

    @Test
    void withoutCertificatesItUsesTheJdksTrustStore() {
        AcmeDirectory letsEncrypt =
                AcmeDirectory.withDefaultTrust(
                        URI.create("https://acme-v02.api.letsencrypt.org/directory"));

        assertThat(letsEncrypt.trustedCertificates()).isEmpty();
        assertThat(letsEncrypt.sslContext()).isNotNull();
    }
}
