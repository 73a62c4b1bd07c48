package ink.ml.deploy.deployer.worker.run.docker;

import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.hostname;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.newUser;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.run.docker.AppImages.App;
import ink.ml.deploy.deployer.worker.run.edge.CaddyEdgeRoutes;
import ink.ml.deploy.deployer.worker.run.edge.EdgeRoutes;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.testing.CaddyProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redeploys of one app on the real engine with gVisor while a request loop hits it through the real
 * edge (Caddy): each request on a fresh connection, as a visitor's browser would open, so every one
 * of them tests what the edge can reach at that moment.
 */
class RedeployUnderLoadThroughTheEdgeTest {
    private static final int SWITCHES = 6;
    private static final int THREADS = 2;

    private static AppEngineFixture fixture;
    private static CaddyProcess caddy;

    @BeforeAll
    static void start() throws Exception {
        caddy = CaddyProcess.startOrSkip();
        try {
            fixture = AppEngineFixture.start();
        } catch (Exception | Error e) {
            caddy.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            if (caddy != null) {
                caddy.close();
            }
        }
    }

    @Test
    void everyRequestIsAnsweredByTheAppAcrossSixRedeploys() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        String hostname = hostname(service);
        TimedEdge edge =
                new TimedEdge(
                        new CaddyEdgeRoutes(
                                caddy.adminUrl(), caddy.edgeListen(), Duration.ofSeconds(10)));
        DockerExecutionTarget target =
                new DockerExecutionTarget(
                        fixture.docker,
                        fixture.config,
                        RegistryAccess.anonymous(),
                        edge,
                        new InMemoryEdgeDomains(),
                        new RolloutsInFlight());
        deploy(target, service, 0);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> loops = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                loops.add(
                        pool.submit(
                                () -> {
                                    while (running.get()) {
                                        try {
                                            String answer = getOrResend(hostname, resent);
                                            if (answer.startsWith("200 ")
                                                    && answer.contains(AppImages.PAGE)) {
                                                answered.incrementAndGet();
                                            } else {
                                                failures.add(edge.when() + answer.strip());
                                            }
                                        } catch (IOException e) {
                                            failures.add(edge.when() + e);
                                        }
                                    }
                                    return null;
                                }));
            }
            for (int next = 1; next <= SWITCHES; next++) {
                deploy(target, service, next);
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(1, TimeUnit.MINUTES);
            }
            pool.shutdownNow();
        }

        System.out.printf(
                "%d redeploys under load through the edge: %d answered, %d failed, %d reset by"
                        + " the edge's listener before any answer and sent again%n%s%n",
                SWITCHES,
                answered.get(),
                failures.size(),
                resent.get(),
                String.join("\n", failures));
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isGreaterThan(SWITCHES * 10);
    }

    private static void deploy(DockerExecutionTarget target, ServiceRef service, int version)
            throws Exception {
        char digit = Character.forDigit(version % 16, 16);
        String deployment = "d" + version;
        target.apply(
                spec(
                        service,
                        deployment,
                        fixture.images.push(
                                App.HTTPD, service, String.valueOf(digit).repeat(39) + "a"),
                        Map.of()));
        target.awaitRollout(service, DeploymentId.of(deployment));
    }

    /**
     * A GET; sent once more when the edge's listener reset the connection before any answer. Caddy
     * 2.6 does that to connections waiting in its old listener's backlog at each config load (each
     * route change; see {@code CaddyEdgeRoutes}): the edge's limitation, not the app's, and no
     * request reached an app. How many is printed.
     */
    private static String getOrResend(String hostname, AtomicInteger resent) throws IOException {
        try {
            return get(caddy.edgePort(), hostname);
        } catch (SocketException resetBeforeAnyAnswer) {
            resent.incrementAndGet();
            return get(caddy.edgePort(), hostname);
        }
    }

    /**
     * One GET on a connection of its own ({@code Connection: close}), with a raw socket so that no
     * client pool or retry hides what happened: its status line's code and text, then the body.
     */
    private static String get(int port, String hostname) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(
                            ("GET / HTTP/1.1\r\nHost: "
                                            + hostname
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (SocketException reset) {
                if (all.size() == 0) {
                    throw reset;
                }
                return "reset after part of an answer: " + all.toString(StandardCharsets.UTF_8);
            }
            String response = all.toString(StandardCharsets.UTF_8);
            int lineEnd = response.indexOf("\r\n");
            int bodyStart = response.indexOf("\r\n\r\n");
            if (lineEnd < 0 || bodyStart < 0) {
                return "no complete answer: " + response;
            }
            String status = response.substring(response.indexOf(' ') + 1, lineEnd);
            return status + " " + response.substring(bodyStart + 4);
        }
    }

    /** The real edge, remembering when and where it last routed, to place each failure. */
    private static final class TimedEdge implements EdgeRoutes {
        private final EdgeRoutes edge;
        private volatile long lastChange = System.nanoTime();
        private volatile String lastUpstream = "";

        TimedEdge(EdgeRoutes edge) {
            this.edge = edge;
        }

        @Override
        public void route(String hostname, String upstream) {
            edge.route(hostname, upstream);
            lastChange = System.nanoTime();
            lastUpstream = upstream;
        }

        @Override
        public void remove(String hostname) {
            edge.remove(hostname);
        }

        @Override
        public Map<String, String> routes() {
            return edge.routes();
        }

        /** "+123 ms after routing to ip:port: ", for a failure's line. */
        String when() {
            return "+"
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastChange)
                    + " ms after routing to "
                    + lastUpstream
                    + ": ";
        }
    }
}
