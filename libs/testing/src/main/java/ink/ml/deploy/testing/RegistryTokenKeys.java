package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A fresh RSA key and self-signed certificate for the registry's token authentication, made with
 * {@code openssl} in a directory of the caller's: the deployer signs with the key, the registry
 * trusts the certificate file.
 *
 * @param signingKeyPem PKCS#8 PEM of the key
 * @param certificatePem PEM of its certificate
 * @param certificateFile the certificate as a file: the registry's {@code rootcertbundle}
 */
public record RegistryTokenKeys(String signingKeyPem, String certificatePem, Path certificateFile) {

    public static RegistryTokenKeys generate(Path directory) {
        Path key = directory.resolve("registry-token-key.pem");
        Path certificate = directory.resolve("registry-token-cert.pem");
        try {
            Files.createDirectories(directory);
            Process openssl =
                    new ProcessBuilder(
                                    "openssl",
                                    "req",
                                    "-x509",
                                    "-newkey",
                                    "rsa:2048",
                                    "-nodes",
                                    "-keyout",
                                    key.toString(),
                                    "-out",
                                    certificate.toString(),
                                    "-days",
                                    "30",
                                    "-subj",
                                    "/CN=mcpdeploy-registry-token")
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make a key: " + output);
            }
            return new RegistryTokenKeys(
                    Files.readString(key, StandardCharsets.US_ASCII),
                    Files.readString(certificate, StandardCharsets.US_ASCII),
                    certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a key", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryTokenKeys[" + certificateFile + "]";
    }
}
