package ink.ml.deploy.deployer.worker.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.registryauth.RegistryCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Docker client configuration directory ({@code DOCKER_CONFIG}) private to one build step, with
 * at most one registry login, deleted on close. Builds never see the logins of the user the
 * deployer runs as, and one build's credential never serves another's.
 */
final class DockerClientConfig implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    private DockerClientConfig(Path directory) {
        this.directory = directory;
    }

    /**
     * The build's login: its credential, with which the client fetches a token at the registry's
     * realm for each image it pulls or pushes.
     */
    static DockerClientConfig forBuild(BuildJob job) {
        return job.login()
                .credential()
                .map(c -> withCredential(job.image().registry(), c))
                .orElseGet(DockerClientConfig::anonymous);
    }

    /** A token for pushing the build's one image, for a client that cannot visit the realm. */
    static DockerClientConfig forPush(BuildJob job) {
        return job.login()
                .pushToken()
                .map(token -> withBearerToken(job.image().registry(), token))
                .orElseGet(DockerClientConfig::anonymous);
    }

    /** Logs in with {@code credential}: the client fetches tokens at the registry's realm. */
    private static DockerClientConfig withCredential(
            String registry, RegistryCredential credential) {
        return write(Map.of(registry, Map.of("auth", credential.dockerAuth())));
    }

    /** Presents {@code token} to the registry as it is, without visiting the realm. */
    private static DockerClientConfig withBearerToken(String registry, String token) {
        return write(Map.of(registry, Map.of("registrytoken", token)));
    }

    /** No login at all. */
    static DockerClientConfig anonymous() {
        return write(Map.of());
    }

    /** The environment that points a Docker client or {@code buildctl} at this configuration. */
    Map<String, String> environment() {
        return Map.of("DOCKER_CONFIG", directory.toString());
    }

    private static DockerClientConfig write(Map<String, Map<String, String>> auths) {
        try {
            Path directory =
                    Files.createTempDirectory(
                            "docker-config-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwx------")));
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("auths", auths);
            Files.write(directory.resolve("config.json"), JSON.writeValueAsBytes(config));
            return new DockerClientConfig(directory);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings serialises", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a Docker client configuration", e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(DockerClientConfig::deleteQuietly);
        } catch (IOException e) {
            // Already gone.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover temp file holds an expiring credential; nothing more to do.
        }
    }
}
