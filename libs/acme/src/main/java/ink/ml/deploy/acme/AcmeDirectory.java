package ink.ml.deploy.acme;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An ACME server: its directory URL (RFC 8555 §7.1.1, always HTTPS) and the certificates its TLS is
 * verified against. No certificates means the JDK's own trust store (a public CA such as Let's
 * Encrypt); given ones replace it (a test CA such as Pebble, or a private one). The TLS is always
 * verified: there is no way to trust any server.
 *
 * @param url the directory, e.g. {@code https://acme-v02.api.letsencrypt.org/directory}
 * @param trustedCertificates the certificates that are trusted to sign the server's TLS certificate
 *     (or that are that certificate); empty for the JDK's trust store
 */
public record AcmeDirectory(URI url, List<X509Certificate> trustedCertificates) {

    public AcmeDirectory {
        Objects.requireNonNull(url, "url");
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "url must be an https:// URL, as ACME requires (got \"" + url + "\")");
        }
        trustedCertificates = List.copyOf(trustedCertificates);
    }

    /** A public ACME server, its TLS verified against the JDK's trust store. */
    public static AcmeDirectory withDefaultTrust(URI url) {
        return new AcmeDirectory(url, List.of());
    }

    /**
     * An ACME server whose TLS is verified against the certificates in {@code trustedPem} (one or
     * more PEM certificates) and nothing else.
     */
    public static AcmeDirectory trusting(URI url, String trustedPem) {
        Objects.requireNonNull(trustedPem, "trustedPem");
        List<X509Certificate> certificates;
        try {
            certificates =
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(
                                    new ByteArrayInputStream(
                                            trustedPem.getBytes(StandardCharsets.US_ASCII)))
                            .stream()
                            .map(X509Certificate.class::cast)
                            .toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    "trustedPem must hold PEM certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("trustedPem holds no certificate");
        }
        return new AcmeDirectory(url, certificates);
    }

    /** The TLS context that verifies the server as described above. */
    SSLContext sslContext() {
        try {
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trustedCertificates.isEmpty()) {
                trust.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int index = 0; index < trustedCertificates.size(); index++) {
                    store.setCertificateEntry("trusted-" + index, trustedCertificates.get(index));
                }
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for " + url, e);
        }
    }
}
