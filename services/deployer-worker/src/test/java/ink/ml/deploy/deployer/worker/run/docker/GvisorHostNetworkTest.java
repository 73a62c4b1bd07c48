package ink.ml.deploy.deployer.worker.run.docker;

import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.hostname;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.newUser;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.sha;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.run.docker.AppImages.App;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the runtime does to an app's sockets, pinned down with busybox's httpd, which forks a child
 * per connection that reads the request with a plain blocking {@code read()}.
 *
 * <p>Debian's runsc (release 20221219) runs with {@code --network=host} here (its own network stack
 * cannot start on this host). With it, a {@code read()} on an accepted TCP socket that has no data
 * yet does not block: it fails with EAGAIN (seen in runsc's strace: {@code read(0x0 socket:[…]) = 0
 * errno=11}, once per failed request and never otherwise). busybox's httpd takes that as the end of
 * the connection and closes it without an answer; Caddy turns the empty answer into its 502. So
 * every request whose bytes reach the app after the app's first read fails: a race on each
 * connection, lost more often while the host is busy (a sandbox starting or stopping, as at each
 * redeploy). The host firewall ({@code app-networks.nft}, chain output) holds each connection the
 * host opens to an app half-open until its first bytes arrive, so the app's first read finds them.
 */
class GvisorHostNetworkTest {
    /**
     * Long enough for the app to have accepted the connection and read it, however busy: a request
     * that arrives before the app's first read is answered, firewall or not, and a gVisor sandbox
     * on a loaded machine can take more than the half second this once was to fork and read.
     */
    private static final int LATE_MILLIS = 2_000;

    /** Each case is asked more than once: the race it pins down is per connection. */
    private static final int ATTEMPTS = 2;

    private static AppEngineFixture fixture;

    @BeforeAll
    static void startEngine() throws Exception {
        fixture = AppEngineFixture.start();
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aRequestSentLateIsAnsweredUnderGvisorBecauseTheFirewallHoldsTheConnectionUntilItsBytes()
            throws Exception {
        String underGvisor = upstreamOf(AppContainer.SANDBOX_RUNTIME, sha('6'));
        String underRunc = upstreamOf("runc", sha('7'));

        // With the host firewall, the app accepts the connection only once the request is there.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            assertThat(get(underGvisor, 0)).startsWith("HTTP/1.1 200");
            assertThat(get(underGvisor, LATE_MILLIS)).startsWith("HTTP/1.1 200");
        }
        // Without it, the app's read comes first: under gVisor it fails and the app hangs up
        // without an answer; under runc it waits for the request, as read() should.
        fixture.firewall.remove();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                assertThat(get(underGvisor, LATE_MILLIS)).as("answer under gVisor").isEmpty();
                assertThat(get(underRunc, LATE_MILLIS)).startsWith("HTTP/1.1 200");
            }
        } finally {
            fixture.firewall.install();
        }
    }

    /** Deploys the busybox httpd app under {@code runtime}; its {@code ip:port}. */
    private static String upstreamOf(String runtime, String sha) throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target =
                fixture.target(
                        fixture.config.withRuntime(
                                runtime, !AppContainer.SANDBOX_RUNTIME.equals(runtime)),
                        edge,
                        new RolloutsInFlight());
        target.apply(spec(service, "d1", fixture.images.push(App.HTTPD, service, sha), Map.of()));
        target.awaitRollout(service, DeploymentId.of("d1"));
        return edge.routes().get(hostname(service));
    }

    /** A GET on a new connection, its request sent {@code lateMillis} after the connect. */
    private static String get(String upstream, int lateMillis) throws Exception {
        String[] hostPort = upstream.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5_000);
            socket.setSoTimeout(10_000);
            Thread.sleep(lateMillis);
            socket.getOutputStream()
                    .write(
                            "GET / HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (IOException resetAfterHangUp) {
                // The app closed with the request unread: the kernel resets. Still no answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
