package ink.ml.deploy.observability.logs;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Connects to a Docker engine's API socket with docker-java's dependency-free transport, as the
 * deployer-worker's {@code DockerEngineClients} does.
 */
final class DockerEngineConnections {
    private static final int MAX_CONNECTIONS = 16;

    private DockerEngineConnections() {}

    /**
     * @param host {@code unix:///…/docker.sock}
     * @param responseTimeout how long a request may wait for data; none for a follow, which waits
     *     for the app's next line as long as it takes
     */
    static DockerClient connect(
            String host, Duration connectTimeout, Optional<Duration> responseTimeout) {
        DefaultDockerClientConfig config =
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        ZerodepDockerHttpClient.Builder transport =
                new ZerodepDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .connectionTimeout(connectTimeout)
                        .maxConnections(MAX_CONNECTIONS);
        responseTimeout.ifPresent(transport::responseTimeout);
        return DockerClientImpl.getInstance(config, transport.build());
    }
}
