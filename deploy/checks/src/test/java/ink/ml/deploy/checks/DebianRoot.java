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
 * for the apt module, nftables for the rules' validation, Debian's runsc). The first one is made
 * from the machine's Debian mirror and kept as a tarball under target/, so that later runs unpack a
 * fresh copy in seconds instead of bootstrapping again.
 */
final class DebianRoot {
    static final List<String> PACKAGES = List.of("python3", "python3-apt", "nftables", "runsc");
    private static final Path PRISTINE =
            Path.of("target/debian-root/bookworm-minbase.tar").toAbsolutePath();

    private DebianRoot() {}

    /** Why a root cannot be made here, or empty when it can. */
    static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("debootstrap and a chroot connection need root");
        }
        return ToolRun.unavailableReason("debootstrap", "debootstrap")
                .or(() -> ToolRun.unavailableReason("ansible-playbook", "ansible"))
                .or(() -> ToolRun.unavailableReason("nft", "nftables"))
                .or(() -> ToolRun.unavailableReason("ip", "iproute2"));
    }

    /** A fresh root at {@code directory}, which must not exist. */
    static Path create(Path directory) {
        try {
            if (!Files.isRegularFile(PRISTINE)) {
                bootstrap();
            }
            Files.createDirectories(directory);
            check(
                    ToolRun.run(
                            directory,
                            Map.of(),
                            Duration.ofMinutes(5),
                            "tar",
                            "-C",
                            directory.toString(),
                            "-xpf",
                            PRISTINE.toString()));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bootstrap() throws IOException {
        Path parent = Files.createDirectories(PRISTINE.getParent());
        Path building = parent.resolve("building");
        ToolRun.run(parent, Map.of(), Duration.ofMinutes(2), "rm", "-rf", building.toString());
        check(
                ToolRun.run(
                        parent,
                        Map.of(),
                        Duration.ofMinutes(30),
                        "debootstrap",
                        "--variant=minbase",
                        "--include=" + String.join(",", PACKAGES),
                        "bookworm",
                        building.toString(),
                        DebianRootfs.mirror()));
        Path partial = parent.resolve("bookworm-minbase.tar.partial");
        check(
                ToolRun.run(
                        parent,
                        Map.of(),
                        Duration.ofMinutes(10),
                        "tar",
                        "-C",
                        building.toString(),
                        "-cpf",
                        partial.toString(),
                        "."));
        Files.move(partial, PRISTINE);
        ToolRun.run(parent, Map.of(), Duration.ofMinutes(2), "rm", "-rf", building.toString());
    }

    private static void check(ToolRun run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException(run.describe());
        }
    }
}
