package ink.ml.deploy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real Temporal frontend (the Java SDK's in-memory test server) on a free local port, for Quarkus
 * tests of services that use quarkus-temporal. Real gRPC and real time: no time skipping.
 *
 * <p>Sets {@code quarkus.temporal.connection.target} to {@code localhost:<port>}; namespace {@code
 * default} exists. Use with {@code @QuarkusTestResource(TemporalTestServerResource.class)} or
 * {@code @WithTestResource(TemporalTestServerResource.class)}.
 */
public class TemporalTestServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET_PROPERTY = "quarkus.temporal.connection.target";

    private TestServer.PortBoundTestServer server;
    private String target;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        // lockTimeSkipping = true: the server runs on the wall clock, like a real Temporal.
        server = TestServer.createPortBoundServer(port, true);
        target = "localhost:" + port;
        return Map.of(TARGET_PROPERTY, target);
    }

    /**
     * {@code host:port} of the running server; valid between {@link #start()} and {@link #stop()}.
     */
    public String target() {
        return target;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
            target = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the Temporal test server", e);
        }
    }
}
