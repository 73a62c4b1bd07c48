package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian 12 root filesystems as tarballs, made from the machine's Debian mirror and kept on disk
 * between test classes, modules and runs, keyed by their package list: a minbase root (debootstrap)
 * once, then per package list a copy of it with the packages installed by {@code apt-get} in a
 * chroot. debootstrap's own {@code --include} cannot install packages whose dependencies it orders
 * wrongly (npm's), and apt-get in a chroot can.
 *
 * <p>The cache is {@code $MCPDEPLOY_TEST_CACHE} (else {@code ~/.cache/mcpdeploy}) {@code
 * /debian-roots}; each root has a file lock of its own ({@link CachedFile}), so two test JVMs never
 * build the same root twice, and one waiting for a root never waits behind another root being
 * built. Needs root (chroot) and debootstrap.
 */
public final class DebianRootfs {
    private static final Pattern SOURCES_URI = Pattern.compile("(?m)^URIs:\\s*(\\S*/debian)\\s*$");
    private static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    private static final String SUITE = "bookworm";
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofMinutes(30);

    private DebianRootfs() {}

    /** Why no root can be made here, or empty when one can. */
    public static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("debootstrap and chroot need root");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/debootstrap"))) {
            return Optional.of("debootstrap is not installed: ./run-tests installs it");
        }
        return Optional.empty();
    }

    /** The cache directory shared by every module's tests. */
    public static Path cacheDirectory() {
        String configured = System.getenv("MCPDEPLOY_TEST_CACHE");
        Path base =
                configured == null || configured.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".cache", "mcpdeploy")
                        : Path.of(configured);
        return base.resolve("debian-roots");
    }

    /**
     * A tarball of a minbase root with {@code packages} installed (without recommends), made on
     * first use and cached under a name that is the package list's hash.
     */
    public static Path tarball(List<String> packages) {
        InstalledParts.require(unavailableReason());
        Path cache = cacheDirectory();
        Path tarball = cachedTarball(packages);
        Path minbase = cachedTarball(List.of());
        try {
            Files.createDirectories(cache);
            // Each root has a lock of its own: a package list waits for the minbase it starts
            // from, never for another package list being installed.
            CachedFile.makeOnce(minbase, () -> bootstrap(cache, minbase));
            if (!tarball.equals(minbase)) {
                List<String> sorted = List.copyOf(new TreeSet<>(packages));
                CachedFile.makeOnce(tarball, () -> install(cache, minbase, sorted, tarball));
            }
            return tarball;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a Debian root in " + cache, e);
        }
    }

    /** Whether the root with {@code packages} is in the cache already (nothing to make). */
    public static boolean isCached(List<String> packages) {
        return Files.isRegularFile(cachedTarball(packages));
    }

    /** Where the root with {@code packages} is cached: its name is the package list's hash. */
    private static Path cachedTarball(List<String> packages) {
        TreeSet<String> sorted = new TreeSet<>(packages);
        String key = sorted.isEmpty() ? "minbase" : "minbase-" + hash(String.join(",", sorted));
        return cacheDirectory().resolve(SUITE + "-" + key + ".tar");
    }

    private static void bootstrap(Path cache, Path minbase) throws IOException {
        Path building = cache.resolve("building-minbase");
        run(cache, "rm", "-rf", building.toString());
        run(
                cache,
                "debootstrap",
                "--variant=minbase",
                "--cache-dir=" + Files.createDirectories(cache.resolve("debs")),
                SUITE,
                building.toString(),
                mirror());
        pack(cache, building, minbase);
    }

    private static void install(Path cache, Path minbase, List<String> packages, Path tarball)
            throws IOException {
        Path building = cache.resolve("building-" + tarball.getFileName());
        run(cache, "rm", "-rf", building.toString());
        Files.createDirectories(building);
        run(cache, "tar", "-C", building.toString(), "-xpf", minbase.toString());
        // dpkg syncs every file it writes by default: a throwaway root does not need that.
        Files.writeString(
                building.resolve("etc/dpkg/dpkg.cfg.d/mcpdeploy-unsafe-io"), "force-unsafe-io\n");
        // Some maintainer scripts need /proc (openjdk's runs java): mounted in a mount namespace
        // of the install's own, it goes away with it, however the install ends.
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "unshare",
                                "--mount",
                                "--propagation",
                                "private",
                                "--",
                                "sh",
                                "-ec",
                                "mount -t proc proc \"$0/proc\"; exec chroot \"$0\" \"$@\"",
                                building.toString(),
                                "/usr/bin/env",
                                "-i",
                                "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                                "DEBIAN_FRONTEND=noninteractive",
                                "sh",
                                "-ec",
                                "apt-get update -q && apt-get install -y -q --no-install-recommends "
                                        + String.join(" ", packages)
                                        + " && apt-get clean && rm -rf /var/lib/apt/lists/*"));
        run(cache, command.toArray(String[]::new));
        Files.delete(building.resolve("etc/dpkg/dpkg.cfg.d/mcpdeploy-unsafe-io"));
        pack(cache, building, tarball);
    }

    /** Tars {@code root} to {@code tarball} (through a partial file), then deletes the root. */
    private static void pack(Path cache, Path root, Path tarball) throws IOException {
        Path partial = tarball.resolveSibling(tarball.getFileName() + ".partial");
        run(cache, "tar", "-C", root.toString(), "-cpf", partial.toString(), ".");
        Files.move(partial, tarball);
        run(cache, "rm", "-rf", root.toString());
    }

    /** The machine's own Debian mirror (its apt sources), else deb.debian.org. */
    public static String mirror() throws IOException {
        Path sources = Path.of("/etc/apt/sources.list.d/debian.sources");
        if (Files.isReadable(sources)) {
            Matcher matcher = SOURCES_URI.matcher(Files.readString(sources));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return DEFAULT_MIRROR;
    }

    private static void run(Path directory, String... command) throws IOException {
        Path log = Files.createTempFile("debian-rootfs-", ".log");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(directory.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!process.waitFor(BOOTSTRAP_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " took longer than " + BOOTSTRAP_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " failed (exit code "
                                + process.exitValue()
                                + "): "
                                + String.join(
                                        "\n",
                                        lines.subList(
                                                Math.max(0, lines.size() - 30), lines.size())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
