package ink.ml.deploy.local;

import ink.ml.deploy.local.PlatformWiring.ExecutionWiring;
import ink.ml.deploy.testing.AppEngineProcess;
import ink.ml.deploy.testing.HaproxyProcess;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where the local platform runs deployed apps by default: a private Docker engine with bridge
 * networking (one network per project) and gVisor's {@code runsc}, and HAProxy as the edge that
 * routes {@code *.localhost:8080} to the apps (its routes change through its runtime API, never a
 * reload, so a switch loses no request). Both are processes of their own, so apps keep answering
 * while a platform service restarts. The edge listens on loopback only, like the services.
 */
final class DockerApps implements AutoCloseable {
    private final AppEngineProcess engine;
    private final HaproxyProcess edge;
    private final boolean sandboxed;
    private final Deque<AutoCloseable> started;

    private DockerApps(
            AppEngineProcess engine,
            HaproxyProcess edge,
            boolean sandboxed,
            Deque<AutoCloseable> started) {
        this.engine = engine;
        this.edge = edge;
        this.sandboxed = sandboxed;
        this.started = started;
    }

    /** Why apps cannot run on Docker here (docker.io or haproxy missing, not root), if so. */
    static Optional<String> unavailableReason() {
        return AppEngineProcess.unavailableReason(false).or(HaproxyProcess::unavailableReason);
    }

    /**
     * @param registryHost the registry the engine pulls the apps' images from, over plain HTTP
     */
    static DockerApps start(PortPlan ports, String registryHost) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            boolean sandboxed = AppEngineProcess.sandboxAvailable();
            AppEngineProcess engine = AppEngineProcess.start(sandboxed, registryHost);
            started.push(engine);
            HaproxyProcess edge =
                    HaproxyProcess.start(
                            Optional.of("127.0.0.1"), ports.edgePort(), ports.edgeTlsPort());
            started.push(edge);
            return new DockerApps(engine, edge, sandboxed, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    ExecutionWiring wiring() {
        return ExecutionWiring.docker(engine.host(), PlatformWiring.EdgeWiring.of(edge), sandboxed);
    }

    AppEngineProcess engine() {
        return engine;
    }

    HaproxyProcess edge() {
        return edge;
    }

    /** What a person is told about it. */
    String description() {
        String runtime =
                sandboxed
                        ? "under gVisor (runsc)"
                        : "WITHOUT gVisor: runsc is not installed, so apps run as plain containers"
                                + " (runc) with full access to this machine's kernel";
        return "a private Docker engine ("
                + engine.host()
                + "), one network per project, "
                + runtime
                + "; edge: HAProxy on 127.0.0.1:"
                + edge.edgePort()
                + " (TLS for custom domains on "
                + edge.tlsPort()
                + ")";
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
                System.err.println("stopping the apps' engine or edge failed: " + e);
            }
        }
    }
}
