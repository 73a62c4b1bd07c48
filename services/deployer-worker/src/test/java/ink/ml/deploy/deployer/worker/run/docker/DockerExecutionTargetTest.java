package ink.ml.deploy.deployer.worker.run.docker;

import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.hostname;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.newUser;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.sha;
import static ink.ml.deploy.deployer.worker.run.docker.AppEngineFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.RestartPolicy;
import ink.ml.deploy.deployer.worker.run.docker.AppImages.App;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker target on a real private engine with gVisor, a real registry and the real host
 * firewall; only the edge is an in-memory table.
 */
class DockerExecutionTargetTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

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
    void appAnswersAtItsContainerAddressUnderGvisorWithItsVariablesAfterTheRollout()
            throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        String secret = "s3cret-value-" + newUser();
        ServiceSpec spec =
                spec(
                        service,
                        "d1",
                        fixture.images.push(App.WEB, service, sha('1')),
                        Map.of("GREETING", secret));
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);

        target.apply(spec);
        assertThat(target.awaitRollout(service, spec.deployment()).readyReplicas()).isEqualTo(1);

        String upstream = edge.routes().get(hostname(service));
        assertThat(upstream).endsWith(":8080");
        assertThat(get(upstream, "/")).startsWith(AppImages.PAGE);
        // gVisor's kernel reports itself as Linux 4.4.0 and boots with its own dmesg.
        assertThat(get(upstream, "/kernel").trim()).isEqualTo("4.4.0");
        assertThat(get(upstream, "/dmesg")).contains("gVisor");
        assertThat(get(upstream, "/greeting").trim()).isEqualTo(secret);

        InspectContainerResponse container = container(service, "d1").orElseThrow();
        assertThat(container.getHostConfig().getRuntime()).isEqualTo("runsc");
        assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
        assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(container.getHostConfig().getRestartPolicy())
                .isEqualTo(RestartPolicy.unlessStoppedRestart());
        assertThat(container.getConfig().getLabels())
                .containsEntry(Labels.SERVICE, "web")
                .containsEntry(Labels.PROJECT, "shop")
                .containsEntry(Labels.TENANT, service.user().value())
                .containsEntry(ContainerLabels.DEPLOYMENT, "d1");
        assertThat(container.getConfig().getLabels().values().toString()).doesNotContain(secret);
        assertThat(container.getConfig().getEnv()).contains("PORT=8080");
        var network =
                fixture.docker
                        .inspectNetworkCmd()
                        .withNetworkId("dp-" + service.user().value() + "-shop")
                        .exec();
        assertThat(network.getOptions().get(ProjectNetworks.BRIDGE_NAME_OPTION))
                .startsWith(fixture.config.bridgePrefix())
                .hasSize(15);
    }

    @Test
    void anotherProjectCannotConnectWhileTheProjectsOtherServiceReachesItByName() throws Exception {
        String user = newUser();
        ServiceRef web = ServiceRef.of(user, "alpha", "web");
        ServiceRef api = ServiceRef.of(user, "alpha", "api");
        ServiceRef stranger = ServiceRef.of(user, "beta", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);
        for (ServiceRef service : List.of(web, api, stranger)) {
            target.apply(
                    spec(service, "d1", fixture.images.push(App.WEB, service, sha('2')), Map.of()));
        }
        for (ServiceRef service : List.of(web, api, stranger)) {
            target.awaitRollout(service, DeploymentId.of("d1"));
        }
        String webAddress = edge.routes().get(hostname(web)).split(":")[0];

        // One CI run saw the neighbour's request answered with nothing: busybox nc waits for the
        // answer (its -w bounds only the connect), so a connection was accepted and closed
        // without a byte, or the exec failed silently. Not reproduced here (40 requests in a row
        // all answered); the neighbour asks again, and an attempt that had to be repeated is
        // printed so the next CI log shows what the failed one got.
        List<AppImages.Outcome> attempts = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            AppImages.Outcome attempt =
                                    fixture.exec(
                                            api,
                                            "d1",
                                            "printf 'GET / HTTP/1.0\\r\\n\\r\\n'"
                                                    + " | /busybox nc -w 3 web 8080");
                            attempts.add(attempt);
                            assertThat(attempt.output())
                                    .as(
                                            "neighbour's attempt %d, exit %d",
                                            attempts.size(), attempt.exitCode())
                                    .contains(AppImages.PAGE);
                        });
        if (attempts.size() > 1) {
            System.out.println(
                    "neighbour by name answered only after these: "
                            + attempts.subList(0, attempts.size() - 1));
        }
        AppImages.Outcome other =
                fixture.exec(
                        stranger,
                        "d1",
                        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /busybox nc -w 3 "
                                + webAddress
                                + " 8080");

        assertThat(other.exitCode()).as(other.output()).isNotZero();
        assertThat(other.output()).doesNotContain(AppImages.PAGE);
    }

    @Test
    void containerReachesNoAddressOfThisHostNorCloudMetadataNorAPrivateNetwork() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "probe", "web");
        DockerExecutionTarget target = fixture.target(new InMemoryEdgeRoutes());
        target.apply(
                spec(service, "d1", fixture.images.push(App.WEB, service, sha('3')), Map.of()));
        target.awaitRollout(service, DeploymentId.of("d1"));

        try (PlatformPort platform = new PlatformPort();
                OffHostService offHost = OffHostService.start()) {
            List<String> targets = new ArrayList<>();
            targets.add(fixture.gateway(service) + " " + platform.port());
            externalAddresses().forEach(address -> targets.add(address + " " + platform.port()));
            OffHostService.ADDRESSES.forEach(
                    address -> targets.add(address + " " + OffHostService.PORT));
            for (String addressAndPort : targets) {
                String[] parts = addressAndPort.split(" ");
                assertThat(answersAt(parts[0], Integer.parseInt(parts[1])))
                        .as("this host reaches %s", addressAndPort)
                        .isTrue();
            }

            // Without the table the container reaches each of them: the probe is sound...
            fixture.firewall.remove();
            try {
                for (String addressAndPort : targets) {
                    assertThat(fromContainer(service, addressAndPort).output())
                            .as("container to %s without the firewall", addressAndPort)
                            .contains(PlatformPort.BANNER);
                }
            } finally {
                fixture.firewall.install();
            }
            // ...and with it, none.
            for (String addressAndPort : targets) {
                AppImages.Outcome attempt = fromContainer(service, addressAndPort);
                assertThat(attempt.output())
                        .as("container to %s", addressAndPort)
                        .doesNotContain(PlatformPort.BANNER);
                assertThat(attempt.exitCode())
                        .as("container to %s: %s", addressAndPort, attempt.output())
                        .isNotZero();
            }
        }
    }

    private static AppImages.Outcome fromContainer(ServiceRef service, String addressAndPort)
            throws Exception {
        return fixture.exec(service, "d1", "/busybox nc -w 3 " + addressAndPort + " </dev/null");
    }

    private static boolean answersAt(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            socket.setSoTimeout(2000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .contains(PlatformPort.BANNER);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void secondDeploySwitchesTheRouteOnlyOnceTheNewContainerAcceptsThenRemovesTheOldOne()
            throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);
        target.apply(
                spec(service, "d1", fixture.images.push(App.WEB, service, sha('4')), Map.of()));
        target.awaitRollout(service, DeploymentId.of("d1"));
        String hostname = hostname(service);
        String first = edge.routes().get(hostname);

        target.apply(
                spec(service, "d2", fixture.images.push(App.WEB, service, sha('5')), Map.of()));
        // Requests through the route all along the second rollout: none may fail.
        AtomicBoolean rolling = new AtomicBoolean(true);
        List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> requests =
                CompletableFuture.runAsync(
                        () -> {
                            while (rolling.get()) {
                                String upstream = edge.routes().get(hostname);
                                try {
                                    String page = fetchOnNewConnection(upstream);
                                    if (page.contains(AppImages.PAGE)) {
                                        answered.incrementAndGet();
                                    } else {
                                        failed.add(upstream + ": " + page);
                                    }
                                } catch (Exception | AssertionError e) {
                                    failed.add(upstream + ": " + e);
                                }
                            }
                        });
        try {
            target.awaitRollout(service, DeploymentId.of("d2"));
        } finally {
            rolling.set(false);
            requests.join();
        }

        String second = edge.routes().get(hostname);
        assertThat(second).isNotEqualTo(first);
        assertThat(edge.changes())
                .extracting(
                        InMemoryEdgeRoutes.Change::upstream,
                        InMemoryEdgeRoutes.Change::upstreamAccepted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, true),
                        org.assertj.core.groups.Tuple.tuple(second, true));
        assertThat(failed).isEmpty();
        assertThat(answered.get()).isPositive();
        assertThat(container(service, "d1")).isEmpty();
        assertThat(get(second, "/")).startsWith(AppImages.PAGE);
    }

    @Test
    void anOlderDeploymentThatBecomesReadyAfterANewerOneStartedNeitherTakesTheRouteNorRemovesIt()
            throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);
        target.apply(
                spec(service, "d1", fixture.images.push(App.WEB, service, sha('b')), Map.of()));
        target.apply(
                spec(service, "d2", fixture.images.push(App.WEB, service, sha('c')), Map.of()));

        ApplicationFailure failure =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () -> target.awaitRollout(service, DeploymentId.of("d1")));
        target.awaitRollout(service, DeploymentId.of("d2"));

        assertThat(failure.getOriginalMessage())
                .isEqualTo("another deployment (d2) replaced this one before it became ready");
        assertThat(edge.changes()).hasSize(1);
        assertThat(container(service, "d2")).isPresent();
        assertThat(container(service, "d1")).isEmpty();
    }

    @Test
    void reapplyingTheSameDeploymentKeepsItsContainer() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        ServiceSpec spec =
                spec(service, "d1", fixture.images.push(App.WEB, service, sha('6')), Map.of());
        DockerExecutionTarget target = fixture.target(new InMemoryEdgeRoutes());

        target.apply(spec);
        String id = container(service, "d1").orElseThrow().getId();
        target.apply(spec);
        target.awaitRollout(service, spec.deployment());
        target.awaitRollout(service, spec.deployment());

        assertThat(
                        fixture.docker
                                .listContainersCmd()
                                .withShowAll(true)
                                .withLabelFilter(ContainerLabels.serviceSelector(service))
                                .exec())
                .extracting(c -> c.getId())
                .containsExactly(id);
    }

    @Test
    void anImageNotInTheRegistryFailsTheDeploymentSayingSo() {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        var image = fixture.images.missing(service, sha('9'));
        DockerExecutionTarget target = fixture.target(new InMemoryEdgeRoutes());

        ApplicationFailure failure =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () -> target.apply(spec(service, "d1", image, Map.of())));

        assertThat(failure.getType()).isEqualTo(StepFailure.ROLLOUT_FAILED);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .contains(image.reference())
                .contains("is not in the registry");
    }

    @Test
    void aPortThatNeverOpensFailsAtTheProgressDeadlineWithTheAppsLastLogLines() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target =
                fixture.target(
                        fixture.config.withProgressDeadline(Duration.ofSeconds(8)),
                        edge,
                        new RolloutsInFlight());
        target.apply(
                spec(service, "d1", fixture.images.push(App.SILENT, service, sha('7')), Map.of()));

        ApplicationFailure failure =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () -> target.awaitRollout(service, DeploymentId.of("d1")));

        assertThat(failure.getType()).isEqualTo(StepFailure.ROLLOUT_FAILED);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .contains("never accepted connections on port 8080 within 8 seconds")
                .contains("warming up");
        assertThat(edge.routes()).isEmpty();
        assertThat(container(service, "d1").orElseThrow().getState().getRunning()).isFalse();
    }

    @Test
    void anAppThatExitsAtOnceFailsWithItsExitCodeAndLastLogLines() throws Exception {
        ServiceRef service = ServiceRef.of(newUser(), "shop", "web");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);
        target.apply(
                spec(service, "d1", fixture.images.push(App.EXITS, service, sha('8')), Map.of()));

        ApplicationFailure failure =
                catchThrowableOfType(
                        ApplicationFailure.class,
                        () -> target.awaitRollout(service, DeploymentId.of("d1")));

        assertThat(failure.getType()).isEqualTo(StepFailure.ROLLOUT_FAILED);
        assertThat(failure.getOriginalMessage())
                .contains("the app exited with code 3")
                .contains("cannot reach the database");
        assertThat(edge.routes()).isEmpty();
    }

    @Test
    void deleteIsIdempotentAndRemovesTheProjectNetworkWithItsLastService() throws Exception {
        String user = newUser();
        ServiceRef web = ServiceRef.of(user, "shop", "web");
        ServiceRef api = ServiceRef.of(user, "shop", "api");
        InMemoryEdgeRoutes edge = new InMemoryEdgeRoutes();
        DockerExecutionTarget target = fixture.target(edge);
        for (ServiceRef service : List.of(web, api)) {
            target.apply(
                    spec(service, "d1", fixture.images.push(App.WEB, service, sha('a')), Map.of()));
            target.awaitRollout(service, DeploymentId.of("d1"));
        }
        ProjectNetworks networks =
                new ProjectNetworks(fixture.docker, fixture.config.bridgePrefix());

        target.delete(web, false);
        target.delete(web, false);

        assertThat(container(web, "d1")).isEmpty();
        assertThat(edge.routes()).containsOnlyKeys(hostname(api));
        assertThat(networks.exists("dp-" + user + "-shop")).isTrue();

        target.delete(api, true);
        target.delete(api, true);

        assertThat(container(api, "d1")).isEmpty();
        assertThat(edge.routes()).isEmpty();
        assertThat(networks.exists("dp-" + user + "-shop")).isFalse();
    }

    @Test
    void refusesToRunCustomerCodeWithoutGvisorUnlessAllowed() {
        assertThatThrownBy(
                        () ->
                                fixture.target(
                                        fixture.config.withRuntime("runc", false),
                                        new InMemoryEdgeRoutes(),
                                        new RolloutsInFlight()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mcpdeploy.docker.allow-unsandboxed=true");

        DockerExecutionTarget allowed =
                fixture.target(
                        fixture.config.withRuntime("runc", true),
                        new InMemoryEdgeRoutes(),
                        new RolloutsInFlight());
        assertThat(allowed.description()).contains("runc").contains("NOT sandboxed");
    }

    private static Optional<InspectContainerResponse> container(
            ServiceRef service, String deployment) {
        try {
            return Optional.of(
                    fixture.docker
                            .inspectContainerCmd(
                                    DockerNames.containerName(service, DeploymentId.of(deployment)))
                            .exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * One request on a connection of its own, as each request through a proxy with no pool: a
     * pooled client could reuse a connection the server closed meanwhile and count that as a
     * failure of the switch.
     */
    private static String fetchOnNewConnection(String upstream) throws IOException {
        String[] hostPort = upstream.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 3000);
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(
                            "GET / HTTP/1.0\r\nHost: app\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String get(String upstream, String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://" + upstream + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s%s", upstream, path).isEqualTo(200);
        return response.body();
    }

    /** This host's IPv4 addresses outside loopback and the app engine's bridges. */
    private static List<String> externalAddresses() throws IOException {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isLoopback()
                    || !nic.isUp()
                    || nic.getName().startsWith(fixture.config.bridgePrefix())) {
                continue;
            }
            nic.inetAddresses()
                    .filter(Inet4Address.class::isInstance)
                    .map(InetAddress::getHostAddress)
                    .filter(address -> !address.startsWith("10.211."))
                    .forEach(addresses::add);
        }
        return addresses;
    }

    /**
     * A "platform service" on every address of this host: answers each connection with a banner.
     */
    private static final class PlatformPort implements AutoCloseable {
        static final String BANNER = "platform-service";
        private final ServerSocket server;
        private final Thread acceptor;

        PlatformPort() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("0.0.0.0", 0));
            acceptor =
                    new Thread(
                            () -> {
                                while (!server.isClosed()) {
                                    try (Socket client = server.accept();
                                            OutputStream out = client.getOutputStream()) {
                                        out.write((BANNER + "\n").getBytes(StandardCharsets.UTF_8));
                                    } catch (IOException closed) {
                                        // Closed, or the client left.
                                    }
                                }
                            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * A service off this host, as a cloud's metadata service (169.254.169.254) or a machine on a
     * private network would be: a network namespace joined by a veth pair and routed to, with a
     * busybox listener answering the banner.
     */
    private static final class OffHostService implements AutoCloseable {
        static final List<String> ADDRESSES = List.of("169.254.169.254", "192.168.255.2");
        static final int PORT = 8181;
        private final String id;
        private Process listener;

        private OffHostService(String id) {
            this.id = id;
        }

        static OffHostService start() throws Exception {
            OffHostService service = new OffHostService(newUser().substring(1, 7));
            try {
                service.setUp();
            } catch (Exception | AssertionError e) {
                service.close();
                throw e;
            }
            return service;
        }

        private void setUp() throws Exception {
            AppImages.run(List.of("ip", "netns", "add", namespace()));
            AppImages.run(
                    List.of("ip", "link", "add", host(), "type", "veth", "peer", "name", inner()));
            AppImages.run(List.of("ip", "link", "set", inner(), "netns", namespace()));
            AppImages.run(List.of("ip", "addr", "add", "169.254.169.1/32", "dev", host()));
            AppImages.run(List.of("ip", "link", "set", host(), "up"));
            for (String address : ADDRESSES) {
                inNamespace("ip", "addr", "add", address + "/32", "dev", inner());
                AppImages.run(List.of("ip", "route", "add", address + "/32", "dev", host()));
            }
            inNamespace("ip", "link", "set", inner(), "up");
            inNamespace("ip", "route", "add", "default", "dev", inner());
            listener =
                    new ProcessBuilder(
                                    "ip",
                                    "netns",
                                    "exec",
                                    namespace(),
                                    AppImages.BUSYBOX.toString(),
                                    "nc",
                                    "-ll",
                                    "-p",
                                    Integer.toString(PORT),
                                    "-e",
                                    AppImages.BUSYBOX.toString(),
                                    "echo",
                                    PlatformPort.BANNER)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            await().atMost(Duration.ofSeconds(10)).until(() -> answersAt(ADDRESSES.get(0), PORT));
        }

        private void inNamespace(String... command) throws Exception {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace()));
            full.addAll(List.of(command));
            AppImages.run(full);
        }

        private String namespace() {
            return "dpoh" + id;
        }

        private String host() {
            return "dpoh" + id + "h";
        }

        private String inner() {
            return "dpoh" + id + "n";
        }

        @Override
        public void close() throws Exception {
            if (listener != null) {
                listener.destroyForcibly().waitFor();
            }
            AppImages.attempt(List.of("ip", "link", "delete", host()));
            AppImages.attempt(List.of("ip", "netns", "delete", namespace()));
        }
    }
}
