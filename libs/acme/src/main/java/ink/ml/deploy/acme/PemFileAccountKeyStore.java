package ink.ml.deploy.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The account key as a PEM file readable by its owner only: the private key (PKCS#8 {@code PRIVATE
 * KEY}) followed by its public key ({@code PUBLIC KEY}), as {@code openssl} reads them. A new key
 * is written to a temporary file beside it and moved into place, so that a reader never sees half a
 * key.
 */
public final class PemFileAccountKeyStore implements AccountKeyStore {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String ALGORITHM = "EC";

    private final Path file;

    public PemFileAccountKeyStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file the key is kept in. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<KeyPair> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            return Optional.of(
                    new KeyPair(
                            keys.generatePublic(new X509EncodedKeySpec(Pem.decode(pem, PUBLIC))),
                            keys.generatePrivate(
                                    new PKCS8EncodedKeySpec(Pem.decode(pem, PRIVATE)))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACME account key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the ACME account key file "
                            + file
                            + " does not hold an EC private key and its public key in PEM",
                    e);
        }
    }

    /** Stores {@code key}, an EC key pair (the kind {@link CertificateIssuer} makes). */
    @Override
    public void save(KeyPair key) {
        Objects.requireNonNull(key, "key");
        if (!ALGORITHM.equals(key.getPrivate().getAlgorithm())) {
            throw new IllegalArgumentException(
                    "key must be an EC key pair (got " + key.getPrivate().getAlgorithm() + ")");
        }
        String pem =
                Pem.encode(PRIVATE, key.getPrivate().getEncoded())
                        + Pem.encode(PUBLIC, key.getPublic().getEncoded());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary =
                    Files.createTempFile(
                            parent,
                            ".account-key-",
                            ".pem",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(
                        temporary,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ACME account key to " + file, e);
        }
    }

    @Override
    public String toString() {
        return "PemFileAccountKeyStore[" + file + "]";
    }
}
