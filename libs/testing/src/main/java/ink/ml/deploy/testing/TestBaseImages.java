package ink.ml.deploy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Stand-ins for the platform's base images (libs/build-plan {@code BaseImage}), since none can be
 * pulled here: Debian 12 roots with Debian's packages ({@link DebianRootfs}, cached on disk between
 * test classes, modules and runs), and for the static one Debian's static busybox alone. Each is
 * one gzipped layer, also cached, pushed through the registry's HTTP API, so no Docker engine is
 * needed and a fresh test registry gets them in seconds once the cache is warm.
 */
public final class TestBaseImages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_TYPE =
            "application/vnd.docker.distribution.manifest.v2+json";
    private static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    private static final String PATH =
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private TestBaseImages() {}

    /** What each base image must contain, from Debian's packages. */
    public enum Kind {
        NODE(List.of("nodejs", "npm")),
        PYTHON(List.of("python3", "python3-pip", "python3-venv")),
        GO(List.of("golang-go", "ca-certificates")),
        RUNTIME(List.of("ca-certificates")),
        /** Not a Debian root: Debian's static busybox alone, as the busybox image is. */
        STATIC(List.of()),
        JDK(List.of("openjdk-17-jdk-headless")),
        JRE(List.of("openjdk-17-jre-headless"));

        private final List<String> packages;

        Kind(List<String> packages) {
            this.packages = packages;
        }

        public List<String> packages() {
            return packages;
        }
    }

    /** Why the base images cannot be made here, or empty when they can. */
    public static Optional<String> unavailableReason(Kind kind) {
        return kind == Kind.STATIC
                ? StaticBusybox.unavailableReason()
                : DebianRootfs.unavailableReason();
    }

    /**
     * Pushes {@code kind} to {@code http://{registryHost}/{repository}:{tag}}, making (and caching)
     * its layer first when needed.
     *
     * @param bearerToken a token allowing push to {@code repository}, when the registry uses token
     *     authentication
     */
    public static void push(
            Kind kind,
            String registryHost,
            String repository,
            String tag,
            Optional<String> bearerToken) {
        List<Layer> layers = layers(kind);
        Registry registry = new Registry(registryHost, repository, bearerToken);
        for (Layer layer : layers) {
            registry.uploadBlob(layer.digest(), layer.file());
        }
        byte[] config = config(kind, layers);
        String configDigest = "sha256:" + sha256(config);
        registry.uploadBlob(configDigest, config);
        Map<String, Object> manifest =
                Map.of(
                        "schemaVersion",
                        2,
                        "mediaType",
                        MANIFEST_TYPE,
                        "config",
                        Map.of(
                                "mediaType",
                                CONFIG_TYPE,
                                "size",
                                config.length,
                                "digest",
                                configDigest),
                        "layers",
                        layers.stream()
                                .map(
                                        layer ->
                                                Map.of(
                                                        "mediaType",
                                                        LAYER_TYPE,
                                                        "size",
                                                        layer.size(),
                                                        "digest",
                                                        layer.digest()))
                                .toList());
        registry.putManifest(tag, write(manifest));
    }

    /**
     * The gzipped layer of {@code kind}, from the cache or made now. Threads and JVMs asking for
     * the same layer wait for one another ({@link CachedFile}); different layers are made at once.
     */
    static Layer layer(Kind kind) {
        InstalledParts.require(unavailableReason(kind));
        try {
            return gzipped(
                    kind == Kind.STATIC ? busyboxTarball() : DebianRootfs.tarball(kind.packages()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the " + kind + " base image's layer", e);
        }
    }

    /**
     * The layers of {@code kind}'s image: its own, and on a Debian root the machine's trusted CAs
     * ({@link HostTrustLayer}).
     */
    static List<Layer> layers(Kind kind) {
        Layer own = layer(kind);
        if (kind == Kind.STATIC) {
            return List.of(own);
        }
        try {
            return List.of(own, gzipped(HostTrustLayer.tarball(DebianRootfs.cacheDirectory())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the layer of the machine's CAs", e);
        }
    }

    /** {@code tarball} gzipped beside it, made again when the tarball is newer than its digests. */
    private static Layer gzipped(Path tarball) throws IOException {
        Path gzipped = tarball.resolveSibling(tarball.getFileName() + ".gz");
        Path digests = tarball.resolveSibling(tarball.getFileName() + ".digests");
        CachedFile.underLock(
                gzipped,
                () -> {
                    if (!Files.isRegularFile(digests)
                            || Files.getLastModifiedTime(digests)
                                            .compareTo(Files.getLastModifiedTime(tarball))
                                    < 0) {
                        gzip(tarball, gzipped, digests);
                    }
                });
        List<String> lines = Files.readAllLines(digests, StandardCharsets.US_ASCII);
        return new Layer(gzipped, lines.get(0), lines.get(1), Files.size(gzipped));
    }

    /**
     * Whether {@code kind}'s image can be pushed without making a Debian root first (minutes): the
     * static image always can, where its busybox is installed.
     */
    public static boolean isCached(Kind kind) {
        return kind == Kind.STATIC
                ? StaticBusybox.unavailableReason().isEmpty()
                : DebianRootfs.isCached(kind.packages());
    }

    /** One layer: the gzipped tarball, its digest, and the digest of the tarball itself. */
    record Layer(Path file, String digest, String diffId, long size) {}

    private static Path busyboxTarball() throws IOException {
        Path cache = Files.createDirectories(DebianRootfs.cacheDirectory());
        Path tarball = cache.resolve("static-busybox.tar");
        // Made again each time, kept when unchanged: Debian's busybox may have been upgraded.
        CachedFile.underLock(tarball, () -> writeBusyboxTarball(cache, tarball));
        return tarball;
    }

    private static void writeBusyboxTarball(Path cache, Path tarball) throws IOException {
        Path root = Files.createTempDirectory("static-busybox-");
        try {
            Files.createDirectories(root.resolve("bin"));
            Files.copy(StaticBusybox.PATH, root.resolve("bin/busybox"));
            Path partial = cache.resolve("static-busybox.tar.partial");
            run(
                    "tar",
                    "--owner=0",
                    "--group=0",
                    "-C",
                    root.toString(),
                    "-cpf",
                    partial.toString(),
                    "bin");
            keepWhenUnchanged(partial, tarball);
        } finally {
            Directories.deleteQuietly(root);
        }
    }

    /**
     * Moves {@code partial} over {@code tarball}, or deletes it when the tarball already has that
     * content: an unchanged tarball keeps its time, so its gzipped layer is not made again.
     */
    static void keepWhenUnchanged(Path partial, Path tarball) throws IOException {
        if (Files.isRegularFile(tarball) && Files.mismatch(partial, tarball) == -1) {
            Files.delete(partial);
        } else {
            Files.move(partial, tarball, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Gzips {@code tarball}, writing both digests (compressed, then not) to {@code digests}. */
    private static void gzip(Path tarball, Path gzipped, Path digests) throws IOException {
        MessageDigest uncompressed = sha256Digest();
        MessageDigest compressed = sha256Digest();
        Path partial = gzipped.resolveSibling(gzipped.getFileName() + ".partial");
        try (InputStream in = new DigestInputStream(Files.newInputStream(tarball), uncompressed);
                OutputStream out =
                        new GZIPOutputStream(
                                new DigestOutputStream(Files.newOutputStream(partial), compressed),
                                1 << 16)) {
            in.transferTo(out);
        }
        Files.move(partial, gzipped, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(
                digests,
                List.of(
                        "sha256:" + HexFormat.of().formatHex(compressed.digest()),
                        "sha256:" + HexFormat.of().formatHex(uncompressed.digest())),
                StandardCharsets.US_ASCII);
    }

    private static byte[] config(Kind kind, List<Layer> layers) {
        List<String> env =
                kind == Kind.STATIC ? List.of(PATH) : List.of(PATH, HostTrustLayer.NODE_ENV);
        return write(
                Map.of(
                        "architecture",
                        "amd64",
                        "os",
                        "linux",
                        "config",
                        Map.of("Env", env),
                        "rootfs",
                        Map.of(
                                "type",
                                "layers",
                                "diff_ids",
                                layers.stream().map(Layer::diffId).toList())));
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    /** The registry's HTTP API for one repository (Docker Registry v2, monolithic uploads). */
    private record Registry(String host, String repository, Optional<String> bearerToken) {
        void uploadBlob(String digest, Object content) {
            if (send(request("/blobs/" + digest)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody()))
                            .statusCode()
                    == 200) {
                return;
            }
            HttpResponse<String> started =
                    send(request("/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
            expect(started, 202, "starting the upload of " + digest);
            String location = started.headers().firstValue("Location").orElseThrow();
            URI upload =
                    URI.create("http://" + host + "/")
                            .resolve(
                                    location
                                            + (location.contains("?") ? "&" : "?")
                                            + "digest="
                                            + digest);
            HttpRequest.BodyPublisher body;
            try {
                body =
                        content instanceof Path file
                                ? HttpRequest.BodyPublishers.ofFile(file)
                                : HttpRequest.BodyPublishers.ofByteArray((byte[]) content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            expect(
                    send(
                            authorized(HttpRequest.newBuilder(upload))
                                    .header("Content-Type", "application/octet-stream")
                                    .PUT(body)),
                    201,
                    "uploading " + digest);
        }

        void putManifest(String tag, byte[] manifest) {
            expect(
                    send(
                            request("/manifests/" + tag)
                                    .header("Content-Type", MANIFEST_TYPE)
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))),
                    201,
                    "putting the manifest of " + repository + ":" + tag);
        }

        private HttpRequest.Builder request(String path) {
            return authorized(
                    HttpRequest.newBuilder(
                            URI.create("http://" + host + "/v2/" + repository + path)));
        }

        private HttpRequest.Builder authorized(HttpRequest.Builder request) {
            request.timeout(Duration.ofMinutes(5));
            bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return request;
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static void expect(HttpResponse<String> response, int status, String what) {
            if (response.statusCode() != status) {
                throw new IllegalStateException(
                        what + ": HTTP " + response.statusCode() + " " + response.body());
            }
        }
    }
}
