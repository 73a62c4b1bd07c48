package ink.ml.deploy.registryauth;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key that signs registry tokens and credentials, with its X.509 certificate. The registry
 * trusts the certificate ({@code auth.token.rootcertbundle}); every token carries it in its {@code
 * x5c} header, which is how Distribution finds the key to verify with.
 */
public final class RegistrySigningKey {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private RegistrySigningKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /**
     * @param privateKeyPem PKCS#8 ({@code BEGIN PRIVATE KEY}), as {@code openssl req -newkey rsa}
     *     writes it
     * @param certificatePem the certificate of that key
     * @throws IllegalArgumentException naming what is wrong (never a key's value)
     */
    public static RegistrySigningKey fromPem(String privateKeyPem, String certificatePem) {
        PrivateKey key = privateKey(privateKeyPem);
        X509Certificate certificate = certificate(certificatePem);
        if (!(key instanceof RSAPrivateCrtKey rsa)
                || !(certificate.getPublicKey() instanceof RSAPublicKey publicKey)
                || !rsa.getModulus().equals(publicKey.getModulus())) {
            throw new IllegalArgumentException(
                    "the registry token certificate is not the certificate of the RSA signing key");
        }
        return new RegistrySigningKey(key, certificate);
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    /** The certificate, base64 DER, as a JWS {@code x5c} entry. */
    String x5c() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate encodes", e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the registry token signing key is not a PKCS#8 RSA private key in PEM");
        }
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509")
                            .generateCertificate(
                                    new ByteArrayInputStream(pemBody(pem, "CERTIFICATE")));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the registry token certificate is not an X.509 certificate in PEM");
        }
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem == null ? -1 : pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    @Override
    public String toString() {
        return "RegistrySigningKey[" + certificate.getSubjectX500Principal() + "]";
    }
}
