package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The edge's default TLS certificate: self-signed, made by the JDK's own {@code keytool} (no {@code
 * openssl} needed), for a name no client asks for. HAProxy needs a certificate on a TLS listener
 * before any domain has one; a client that names no served domain gets this one and the edge's 404.
 */
final class SelfSignedCertificate {
    private static final String SUBJECT = "CN=mcpdeploy edge default";
    private static final char[] STORE_PASSWORD = "edge-default".toCharArray();

    private SelfSignedCertificate() {}

    /**
     * Writes the certificate, then its key (PKCS#8), as PEM to {@code target}, readable by its
     * owner only; {@code scratch} holds the keytool store for a moment.
     */
    static void write(Path target, Path scratch) {
        Path store = scratch.resolve("default-certificate.p12");
        try {
            Files.deleteIfExists(store);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process =
                    new ProcessBuilder(
                                    keytool.toString(),
                                    "-genkeypair",
                                    "-keyalg",
                                    "EC",
                                    "-groupname",
                                    "secp256r1",
                                    "-alias",
                                    "default",
                                    "-dname",
                                    SUBJECT,
                                    "-validity",
                                    "3650",
                                    "-storetype",
                                    "PKCS12",
                                    "-keystore",
                                    store.toString(),
                                    "-storepass",
                                    new String(STORE_PASSWORD))
                            .redirectErrorStream(true)
                            .start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "keytool could not make the edge's certificate: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, STORE_PASSWORD);
            }
            Certificate certificate = keys.getCertificate("default");
            Key key = keys.getKey("default", STORE_PASSWORD);
            String pem =
                    pem("CERTIFICATE", certificate.getEncoded())
                            + pem("PRIVATE KEY", key.getEncoded());
            Files.deleteIfExists(target);
            Files.createFile(
                    target,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            Files.writeString(target, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the edge's certificate back", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the edge's certificate", e);
        } finally {
            try {
                Files.deleteIfExists(store);
            } catch (IOException e) {
                // Left in the edge's own directory, which goes with it.
            }
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }
}
