package ink.ml.deploy.registryauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test key pairs, made once with {@code openssl req -x509 -newkey rsa:2048} (test resources). */
final class TestSigningKeys {
    private TestSigningKeys() {}

    static RegistrySigningKey signing() {
        return RegistrySigningKey.fromPem(
                resource("signing-key.pem"), resource("signing-cert.pem"));
    }

    static RegistrySigningKey other() {
        return RegistrySigningKey.fromPem(resource("other-key.pem"), resource("other-cert.pem"));
    }

    static String resource(String name) {
        try (InputStream in = TestSigningKeys.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
