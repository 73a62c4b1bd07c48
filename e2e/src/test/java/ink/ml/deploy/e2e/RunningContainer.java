package ink.ml.deploy.e2e;

import ink.ml.deploy.testing.DockerEngineProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An image run with the private Docker engine, as a node would run the pod: {@code PORT} set, the
 * image pulled from the registry when the engine lacks it. That engine has no bridge network
 * (ENVIRONMENT.md), so the container shares the host's network and listens on a free loopback port.
 * Close it to remove the container.
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

    static RunningContainer run(DockerEngineProcess docker, String image) {
        int port = freePort();
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
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

    /** Where the app answers: {@code http://127.0.0.1:<port>/}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
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
        List<String> command = docker.command(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
