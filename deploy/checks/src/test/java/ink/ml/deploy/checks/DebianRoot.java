package ink.ml.deploy.checks;

import ink.ml.deploy.testing.DebianRootfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A throwaway Debian 12 root filesystem (debootstrap, minbase) that Ansible's chroot connection
 * runs roles against, with what the roles and Ansible need already in it (Python and python3-apt
 * for the apt module, nftables for the rules' validation, Debian's runsc). It comes from
 * libs/testing's {@link DebianRootfs}, whose cache is shared with the test base images: one minbase
 * per machine, and later runs unpack a fresh copy in seconds instead of bootstrapping again.
 */
final class DebianRoot {
    static final List<String> PACKAGES = List.of("python3", "python3-apt", "nftables", "runsc");

    private DebianRoot() {}

    /** Why a root cannot be made here, or empty when it can. */
    static Optional<String> unavailableReason() {
        return DebianRootfs.unavailableReason()
                .or(() -> ToolRun.unavailableReason("ansible-playbook", "ansible"))
                .or(() -> ToolRun.unavailableReason("nft", "nftables"))
                .or(() -> ToolRun.unavailableReason("ip", "iproute2"));
    }

    /** A fresh root at {@code directory}, which must not exist. */
    static Path create(Path directory) {
        Path tarball = DebianRootfs.tarball(PACKAGES);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ToolRun untar =
                ToolRun.run(
                        directory,
                        Map.of(),
                        Duration.ofMinutes(5),
                        "tar",
                        "-C",
                        directory.toString(),
                        "-xpf",
                        tarball.toString());
        if (untar.exitCode() != 0) {
            throw new IllegalStateException(untar.describe());
        }
        return directory;
    }
}
