package ink.ml.deploy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CAs this machine trusts, as one layer on top of a Debian stand-in: its CA bundle and, where
 * it has one, its Java trust store, at the paths Debian's OpenSSL, Go, pip and OpenJDK read.
 *
 * <p>Why a stand-in needs the machine's trust: the Debian packages trust the public CAs only, and a
 * machine whose HTTPS leaves through a TLS-intercepting egress proxy (these do: its CA is in {@code
 * /etc/ssl/certs}) is reached by a build's {@code npm install} or {@code mvnw} only when the image
 * trusts that proxy's CA too. The real base images, mirrored into a cluster's registry, are in the
 * same position behind such a proxy: the operator adds its CA to them. On a machine without one,
 * the layer is Debian's own bundle again. Node reads its bundled CAs rather than the system's, so
 * the image's environment also names the bundle as {@code NODE_EXTRA_CA_CERTS}.
 *
 * <p>Made again at each push (it is small, and the machine's trust may have changed), kept when
 * unchanged, so the registry sees the same digest.
 */
final class HostTrustLayer {
    static final Path BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    static final Path JAVA_TRUST_STORE = Path.of("/etc/ssl/certs/java/cacerts");

    /** The environment that makes Node (and so npm) trust the bundle as well as its own CAs. */
    static final String NODE_ENV = "NODE_EXTRA_CA_CERTS=" + BUNDLE;

    private HostTrustLayer() {}

    /** Why no layer can be made here (the machine has no CA bundle), or empty when one can. */
    static Optional<String> unavailableReason() {
        return Files.isReadable(BUNDLE)
                ? Optional.empty()
                : Optional.of(BUNDLE + " is missing: ca-certificates is not installed");
    }

    /** The tarball of the layer, in {@code cache}: the bundle, and the Java store if any. */
    static Path tarball(Path cache) throws IOException {
        InstalledParts.require(unavailableReason());
        Path tarball = cache.resolve("host-trust.tar");
        CachedFile.underLock(tarball, () -> write(cache, tarball));
        return tarball;
    }

    private static void write(Path cache, Path tarball) throws IOException {
        Path root = Files.createTempDirectory("host-trust-");
        try {
            List<String> paths = new ArrayList<>();
            for (Path file : List.of(BUNDLE, JAVA_TRUST_STORE)) {
                if (Files.isReadable(file)) {
                    Path copy = root.resolve(Path.of("/").relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    // The bundle is usually a symlink's target elsewhere: the content is copied.
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    paths.add(Path.of("/").relativize(file).toString());
                }
            }
            Path partial = cache.resolve("host-trust.tar.partial");
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    "tar",
                                    "--owner=0",
                                    "--group=0",
                                    "--mtime=@0",
                                    "--sort=name",
                                    "-C",
                                    root.toString(),
                                    "-cf",
                                    partial.toString()));
            command.addAll(paths);
            TestBaseImages.run(command.toArray(String[]::new));
            TestBaseImages.keepWhenUnchanged(partial, tarball);
        } finally {
            Directories.deleteQuietly(root);
        }
    }
}
