package ink.ml.deploy.acme;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * Whether an ACME server's TLS certificate is refused by the directory's trust, asked by one TLS
 * handshake of its own.
 *
 * <p>The JDK's HTTP client does not always say why a handshake failed: when the server closes the
 * connection on the client's alert first, the failure can surface as a closed connection with no
 * certificate error in its causes. A refused certificate is permanent (retrying cannot fix the
 * trust), a closed connection transient, so the difference is asked again here, of a plain {@link
 * SSLSocket}, whose handshake reports the certificate error itself.
 */
final class TlsTrustProbe {
    private static final int TIMEOUT_MILLIS = 5_000;

    private TlsTrustProbe() {}

    /** The handshake's certificate error, or empty when it succeeds or fails for another reason. */
    static Optional<Throwable> certificateRefusal(AcmeDirectory directory) {
        URI url = directory.url();
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            return Optional.empty();
        }
        int port = url.getPort() == -1 ? 443 : url.getPort();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(url.getHost(), port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket tls =
                    (SSLSocket)
                            directory
                                    .sslContext()
                                    .getSocketFactory()
                                    .createSocket(plain, url.getHost(), port, false)) {
                tls.startHandshake();
                return Optional.empty();
            }
        } catch (IOException e) {
            return refusedCertificate(e) ? Optional.of(e) : Optional.empty();
        }
    }

    /**
     * True when a TLS failure is the verification of the server's certificate: a certificate or
     * certificate-path error (an untrusted issuer, an expired certificate, an empty trust store)
     * somewhere in its causes.
     */
    static boolean refusedCertificate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }
}
