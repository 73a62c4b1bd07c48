package ink.ml.deploy.acme;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate the ACME server issued, ready for a TLS server.
 *
 * @param domain the name it is for (its only subject alternative name)
 * @param certificateChainPem the certificate first, then the intermediates that lead to the CA's
 *     root (the root itself not included), PEM
 * @param privateKeyPem its key (EC P-256, made for this certificate), PKCS#8 PEM; a secret
 * @param notAfter when it expires
 * @param account the ACME account that ordered it
 */
public record IssuedCertificate(
        String domain,
        String certificateChainPem,
        String privateKeyPem,
        Instant notAfter,
        URI account) {

    public IssuedCertificate {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(account, "account");
    }

    /** Everything but the key, which must never reach a log. */
    @Override
    public String toString() {
        return "IssuedCertificate[domain="
                + domain
                + ", notAfter="
                + notAfter
                + ", account="
                + account
                + "]";
    }
}
