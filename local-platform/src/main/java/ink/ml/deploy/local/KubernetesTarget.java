package ink.ml.deploy.local;

import ink.ml.deploy.local.PlatformWiring.ExecutionWiring;
import ink.ml.deploy.testing.MockDeploymentController;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kubernetes API the deployer applies to: the cluster of a kubeconfig file, or an in-memory API
 * (the fabric8 mock server in CRUD mode) that stores what would be applied and runs no pods, with
 * {@link MockDeploymentController} marking Deployments available at once so rollouts complete.
 */
final class KubernetesTarget implements AutoCloseable {
    static final String IN_MEMORY_DESCRIPTION =
            "in-memory Kubernetes API: stores what would be applied, runs no pods; Deployments are"
                    + " marked available at once";

    /**
     * The mock server logs every request at INFO through java.util.logging; held here so the level
     * set on it is not lost when the logger is collected.
     */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesClient client;
    private final ExecutionWiring wiring;
    private final String description;
    private final boolean inMemory;
    private final Deque<AutoCloseable> started;

    private KubernetesTarget(
            KubernetesClient client,
            ExecutionWiring wiring,
            String description,
            boolean inMemory,
            Deque<AutoCloseable> started) {
        this.client = client;
        this.wiring = wiring;
        this.description = description;
        this.inMemory = inMemory;
        this.started = started;
    }

    static KubernetesTarget startInMemory() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        KubernetesMockServer server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        new HashMap<>(),
                        new KubernetesCrudDispatcher(),
                        false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
            started.push(server::destroy);
            KubernetesClient client = server.createClient();
            started.push(client);
            started.push(MockDeploymentController.start(client));
            return new KubernetesTarget(
                    client,
                    ExecutionWiring.inMemoryKubernetes("http://127.0.0.1:" + server.getPort()),
                    IN_MEMORY_DESCRIPTION + " (" + "http://127.0.0.1:" + server.getPort() + ")",
                    true,
                    started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code KUBECONFIG} when the file is not readable
     */
    static KubernetesTarget connect(Path kubeconfig) {
        if (!Files.isReadable(kubeconfig)) {
            throw new IllegalArgumentException(
                    "KUBECONFIG: " + kubeconfig + " is not a readable file");
        }
        KubernetesClient client =
                new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(kubeconfig.toFile()))
                        .build();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(client);
        return new KubernetesTarget(
                client,
                ExecutionWiring.kubeconfig(kubeconfig.toAbsolutePath()),
                "the cluster of KUBECONFIG="
                        + kubeconfig
                        + " ("
                        + client.getMasterUrl()
                        + "), server-side apply",
                false,
                started);
    }

    KubernetesClient client() {
        return client;
    }

    ExecutionWiring wiring() {
        return wiring;
    }

    boolean inMemory() {
        return inMemory;
    }

    /** What a person is told about it. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping the Kubernetes API failed: " + e);
            }
        }
    }
}
