package ink.ml.deploy.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFileAccountKeyStoreTest {
    @TempDir Path directory;

    @Test
    void holdsNothingUntilAKeyIsSaved() {
        assertThat(new PemFileAccountKeyStore(directory.resolve("account.pem")).load()).isEmpty();
    }

    @Test
    void givesBackTheSavedKeyFromAFileOnlyItsOwnerReads() throws Exception {
        PemFileAccountKeyStore store =
                new PemFileAccountKeyStore(directory.resolve("keys/account.pem"));
        KeyPair key = ecKey();

        store.save(key);
        KeyPair loaded = new PemFileAccountKeyStore(store.file()).load().orElseThrow();

        assertThat(loaded.getPrivate().getEncoded()).isEqualTo(key.getPrivate().getEncoded());
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(key.getPublic().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(store.file()).content().startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void aFileThatHoldsNoKeyIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(directory.resolve("account.pem"), "not a key\n");

        assertThatThrownBy(() -> new PemFileAccountKeyStore(file).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void refusesAKeyThatIsNotEc() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair key = rsa.generateKeyPair();
        PemFileAccountKeyStore store = new PemFileAccountKeyStore(directory.resolve("account.pem"));

        assertThatThrownBy(() -> store.save(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key must be an EC key pair");
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
