package ink.ml.deploy.e2e;

import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.DockerEngineProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An image run with the private Docker engine, as a node would run the pod: {@code PORT} set, the
 * image pulled from the registry with the namespace's pull secret. That engine has no bridge
 * network (ENVIRONMENT.md), so the container shares the engine's network (the build network when
 * builds are isolated) and listens on a free port there. Close it to remove the container.
 */
final class RunningContainer implements AutoCloseable {
    private static final long DOCKER_TIMEOUT_SECONDS = 120;

    private final DockerEngineProcess docker;
    private final String name;
    private final int port;

    private RunningContainer(DockerEngineProcess docker, String name, int port) {
        this.docker = docker;
        this.name = name;
        this.port = port;
    }

    static RunningContainer run(
            DockerEngineProcess docker, String image, RegistryPullSecret pullSecret) {
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        pull(docker, image, pullSecret);
        // picked after the pull, whose connections take ports from the same range
        int port = freePort();
        docker(
                docker,
                "run",
                "--detach",
                "--name",
                name,
                "--network",
                "host",
                "--env",
                "PORT=" + port,
                image);
        return new RunningContainer(docker, name, port);
    }

    /**
     * {@code docker pull} with a token the pull secret's login got at the registry's realm, as a
     * node's runtime pulls: the engine itself sits in the build network, which cannot reach the
     * realm, so it is handed the token rather than the login.
     *
     * @throws IllegalStateException with docker's answer when the registry refuses
     */
    static void pull(DockerEngineProcess docker, String image, RegistryPullSecret pullSecret) {
        String token = RegistryManifests.pullToken(image, pullSecret.basicAuth());
        String registry = image.substring(0, image.indexOf('/'));
        Path config;
        try {
            config = Files.createTempDirectory("e2e-docker-config-");
            Files.writeString(
                    config.resolve("config.json"),
                    "{\"auths\":{\"" + registry + "\":{\"registrytoken\":\"" + token + "\"}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            run(docker.command("pull", image), Map.of("DOCKER_CONFIG", config.toString()));
        } finally {
            Directories.deleteQuietly(config);
        }
    }

    /** Where the app answers: {@code http://<engine's network address>:<port>/}. */
    URI url() {
        return URI.create("http://" + docker.containerHostAddress() + ":" + port + "/");
    }

    /** The container's output so far, for a failure message. */
    String logs() {
        return docker(docker, "logs", name);
    }

    @Override
    public void close() {
        docker(docker, "rm", "--force", name);
    }

    /** {@code docker ps -a} names of containers still present with this one's name. */
    boolean exists() {
        return !docker(docker, "ps", "--all", "--quiet", "--filter", "name=^" + name + "$")
                .isBlank();
    }

    private static String docker(DockerEngineProcess docker, String... args) {
        return run(docker.command(args), Map.of());
    }

    private static String run(List<String> command, Map<String, String> environment) {
        String[] args = command.subList(3, command.size()).toArray(String[]::new);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(DOCKER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker " + args[0] + " took too long");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "docker "
                                + String.join(" ", args)
                                + " exited "
                                + process.exitValue()
                                + ": "
                                + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run docker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while docker ran", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
