package ink.ml.deploy.deployer.worker.run.docker;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a kept certificate is renewed: once less than a third of its lifetime is left, as
 * cert-manager does by default and Let's Encrypt advises (30 of 90 days), so that a renewal that
 * fails has weeks of retries before the certificate expires.
 */
final class CertificateRenewal {
    private CertificateRenewal() {}

    static boolean isDue(X509Certificate certificate, Instant now) {
        return isDue(
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now);
    }

    static boolean isDue(Instant notBefore, Instant notAfter, Instant now) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        return !now.isBefore(notAfter.minus(lifetime.dividedBy(3)));
    }
}
