package ink.ml.deploy.deployer.worker.run.docker;

import com.github.dockerjava.api.DockerClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * The client of the engine that runs customer apps, made on first use: a worker on the Kubernetes
 * target never connects to a Docker socket.
 */
@ApplicationScoped
public class AppEngineConnection {
    private final DockerTargetConfig config;
    private DockerClient client;

    public AppEngineConnection(DockerTargetConfig config) {
        this.config = config;
    }

    public synchronized DockerClient client() {
        if (client == null) {
            client = DockerEngineClients.connect(config.host());
        }
        return client;
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
