package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/** Connects to a Docker engine's API socket with docker-java's dependency-free transport. */
public final class DockerEngineClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_CONNECTIONS = 32;

    private DockerEngineClients() {}

    /**
     * @param host {@code unix:///…/docker.sock}
     */
    public static DockerClient connect(String host) {
        DefaultDockerClientConfig config =
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        return DockerClientImpl.getInstance(
                config,
                new ZerodepDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .maxConnections(MAX_CONNECTIONS)
                        .build());
    }

    /**
     * Fails when the engine does not know {@code runtime}: a container would fail to start for a
     * reason the user cannot act on, so the operator hears it at start instead.
     */
    static void requireRuntime(DockerClient docker, String runtime) {
        Info info = docker.infoCmd().exec();
        if (info.getRuntimes() == null || !info.getRuntimes().containsKey(runtime)) {
            throw new IllegalStateException(
                    "the Docker engine has no runtime "
                            + runtime
                            + " (it has "
                            + (info.getRuntimes() == null ? "none" : info.getRuntimes().keySet())
                            + "): register it in daemon.json \"runtimes\"");
        }
    }
}
