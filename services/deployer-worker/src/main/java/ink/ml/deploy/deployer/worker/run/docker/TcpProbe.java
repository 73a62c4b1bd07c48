package ink.ml.deploy.deployer.worker.run.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** The readiness check of the Deployment template: a TCP connect to the app's port. */
final class TcpProbe {
    private TcpProbe() {}

    static boolean accepts(String ip, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), (int) timeout.toMillis());
            return true;
        } catch (IOException refusedOrTimedOut) {
            return false;
        }
    }
}
