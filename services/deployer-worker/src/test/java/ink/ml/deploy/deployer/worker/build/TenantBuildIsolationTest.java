package ink.ml.deploy.deployer.worker.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.registryauth.RegistryAuthSettings;
import ink.ml.deploy.registryauth.RegistryAuthority;
import ink.ml.deploy.registryauth.RegistryCredential;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.registryauth.RegistrySigningKey;
import ink.ml.deploy.testing.BuildNetwork;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.testing.RegistryTokenKeys;
import ink.ml.deploy.testing.RegistryTokenRealm;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile tenant's build against the real parts that isolate it: a private dockerd in its own
 * network namespace behind the nftables egress filter ({@link BuildNetwork}), and Debian's
 * docker-registry with token auth scoped per project namespace. Tenant A pushes an image; tenant
 * B's Dockerfile tries to read it and to fetch the platform's own services. No Dockerfile check
 * runs here: what holds is the network and the registry, whatever a Dockerfile hides behind ARGs.
 */
class TenantBuildIsolationTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String SECRET = "platform-secret-7f3a";
    private static final String TENANT_A = "dp-ua-shop";
    private static final String TENANT_B = "dp-ub-blog";

    /** Public hosts this machine reaches (ENVIRONMENT.md: Maven Central, Debian, npm). */
    private static final String PUBLIC_HOST = "registry.npmjs.org";

    private static final String MIRROR_HOST = "deb.debian.org";

    @TempDir static Path keys;
    private static BuildNetwork network;
    private static RegistryTokenRealm realm;
    private static RegistryProcess registry;
    private static DockerEngineProcess engine;
    private static HttpServer platformService;
    private static RegistryAccess access;
    private static RegistryAuthority authority;

    @TempDir Path context;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startIsolatedBuilderAndAuthenticatedRegistry() throws Exception {
        Optional<String> unavailable =
                BuildNetwork.unavailableReason()
                        .or(RegistryProcess::unavailableReason)
                        .or(DockerEngineProcess::unavailableReason);
        RealParts.require(unavailable);
        TestImages.busyboxOrSkip();
        RegistryTokenKeys tokenKeys = RegistryTokenKeys.generate(keys);
        authority =
                new RegistryAuthority(
                        RegistrySigningKey.fromPem(
                                tokenKeys.signingKeyPem(), tokenKeys.certificatePem()),
                        new RegistryAuthSettings(
                                "mcpdeploy", "mcpdeploy-registry", "base", Duration.ofMinutes(5)),
                        Clock.systemUTC());
        access =
                new RegistryAccess(
                        Optional.of(authority), Duration.ofMinutes(45), Duration.ofDays(1));
        realm = RegistryTokenRealm.start(authority);
        network = BuildNetwork.create();
        registry =
                RegistryProcess.start(
                        network.hostAddress(),
                        Optional.of(
                                new RegistryProcess.TokenAuth(
                                        realm.url(),
                                        "mcpdeploy",
                                        "mcpdeploy-registry",
                                        tokenKeys.certificateFile())));
        network.allow(registry.port());
        engine = DockerEngineProcess.startIn(network, registry.host());
        platformService = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        platformService.createContext(
                "/",
                exchange -> {
                    byte[] body = SECRET.getBytes(UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        platformService.start();
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable part : new AutoCloseable[] {engine, registry, network, realm}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    // Best effort: the next part still has to stop.
                }
            }
        }
        if (platformService != null) {
            platformService.stop(0);
        }
    }

    @Test
    void tenantBuildsFromItsOwnNamespaceAndPushes() {
        PushTarget base = pushTenantAImage("web");
        PushTarget derived = image(TENANT_A, "worker");
        TestImages.write(
                context,
                "Dockerfile",
                ("FROM " + base.reference() + "\nRUN [\"/bin/busybox\", \"true\"]\n")
                        .getBytes(UTF_8));

        build(derived);

        assertThat(registryClient().hasImage(derived)).isTrue();
    }

    @Test
    void anotherTenantsImageCannotBeAFromImageEvenWhereTheEngineHoldsIt() {
        PushTarget victim = pushTenantAImage("web");
        assertThat(engineHolds(victim))
                .as("tenant A's image is tagged in the shared engine")
                .isTrue();
        TestImages.write(
                context,
                "Dockerfile",
                ("FROM " + victim.reference() + "\nRUN [\"/bin/busybox\", \"cat\", \"/a.txt\"]\n")
                        .getBytes(UTF_8));

        assertBuildRefused(image(TENANT_B, "thief"), "insufficient_scope");
        assertThat(lines).noneMatch(line -> line.contains("tenant-a-data"));
    }

    @Test
    void anotherTenantsImageCannotBeCopiedFrom() {
        PushTarget victim = pushTenantAImage("api");
        TestImages.write(
                context,
                "Dockerfile",
                ("FROM scratch\nCOPY --from=" + victim.reference() + " /a.txt /loot.txt\n")
                        .getBytes(UTF_8));

        assertBuildRefused(image(TENANT_B, "thief"), "insufficient_scope");
    }

    @Test
    void anotherTenantsImageHiddenBehindAnArgIsStillRefused() {
        PushTarget victim = pushTenantAImage("api");
        TestImages.write(
                context,
                "Dockerfile",
                ("ARG VICTIM="
                                + victim.reference()
                                + "\nFROM ${VICTIM} AS loot\n"
                                + "FROM scratch\nCOPY --from=loot /a.txt /loot.txt\n")
                        .getBytes(UTF_8));

        assertBuildRefused(image(TENANT_B, "thief"), "insufficient_scope");
    }

    @Test
    void addCannotFetchThePlatformsServicesOrPrivateAddresses() {
        int port = platformService.getAddress().getPort();
        for (String host : internalAddresses()) {
            lines.clear();
            TestImages.write(
                    context,
                    "Dockerfile",
                    ("FROM scratch\nADD http://" + host + ":" + port + "/secrets /loot.json\n")
                            .getBytes(UTF_8));

            assertBuildRefused(image(TENANT_B, "ssrf"), "connection refused");
            assertThat(lines).as(host).noneMatch(line -> line.contains(SECRET));
        }
    }

    @Test
    void runStepsOnTheBuildNetworkReachThePublicInternetAndNothingOfThePlatform() {
        pushTenantAImage("web");
        int platformPort = platformService.getAddress().getPort();
        String registryPort = Integer.toString(registry.port());
        String registryAddress = network.hostAddress() + " " + registryPort;
        List<String> probes =
                List.of(
                        "dns " + PUBLIC_HOST,
                        "tcp public-https " + PUBLIC_HOST + " 443",
                        "http public-http " + MIRROR_HOST + " 80 /debian/",
                        "tcp registry " + network.hostAddress() + " " + registryPort,
                        "tcp loopback 127.0.0.1 " + platformPort,
                        "tcp host-link " + network.hostAddress() + " " + platformPort,
                        "tcp host-primary " + primaryAddress() + " " + platformPort,
                        "tcp metadata 169.254.169.254 80",
                        "tcp private-resolver-http " + resolver() + " 80",
                        "tcp private-lan 192.168.0.1 80",
                        "tcp smtp " + PUBLIC_HOST + " 25",
                        "http catalog " + registryAddress + " /v2/_catalog",
                        "http other-project "
                                + registryAddress
                                + " /v2/"
                                + TENANT_A
                                + "/web/manifests/"
                                + SHA);
        writeProbeBuild(probes);

        build(image(TENANT_B, "probes"), RunNetwork.BUILD_DAEMON);

        assertProbe("dns", "resolves", "DNS works inside a RUN step");
        assertProbe("public-https", "open", PUBLIC_HOST + ":443 is reachable");
        assertProbe("public-http", "HTTP/1.", MIRROR_HOST + " answers HTTP");
        assertProbe("registry", "open", "the registry's port on the host stays open");
        assertProbe("loopback", "closed", "the host's loopback is not the build's");
        assertProbe("host-link", "closed", "the host's link address offers only the registry");
        assertProbe("host-primary", "closed", "the host's own address where services listen");
        assertProbe("metadata", "closed", "cloud metadata 169.254.169.254");
        assertProbe("private-resolver-http", "closed", "a private address other than for DNS");
        assertProbe("private-lan", "closed", "a private network address");
        assertProbe("smtp", "closed", "SMTP to a public host");
        assertProbe("catalog", "HTTP/1.1 401", "the registry's catalog without a credential");
        assertProbe(
                "other-project", "HTTP/1.1 401", "another project's image without its credential");
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void runStepsWithoutTheBuildDaemonsNetworkReachNothing() {
        writeProbeBuild(
                List.of(
                        "dns " + PUBLIC_HOST,
                        "tcp public-https " + PUBLIC_HOST + " 443",
                        "tcp registry " + network.hostAddress() + " " + registry.port()));

        build(image(TENANT_B, "offline"), RunNetwork.NONE);

        assertProbe("dns", "fails", "no DNS without a network");
        assertProbe("public-https", "closed", "no public internet without a network");
        assertProbe("registry", "closed", "not even the registry without a network");
    }

    @Test
    void addCannotListTheRegistryCatalog() {
        TestImages.write(
                context,
                "Dockerfile",
                ("FROM scratch\nADD http://" + registry.host() + "/v2/_catalog /catalog.json\n")
                        .getBytes(UTF_8));

        assertBuildRefused(image(TENANT_B, "catalog"), "401");
    }

    @Test
    void registryRefusesAnonymousRequestsAndTheCatalogToEveryCredential() throws Exception {
        assertThat(get("/v2/_catalog", Optional.empty()).statusCode()).isEqualTo(401);
        pushTenantAImage("web");
        assertThat(get("/v2/" + TENANT_A + "/web/manifests/" + SHA, Optional.empty()).statusCode())
                .isEqualTo(401);

        String buildToken =
                authority
                        .exchange(
                                "Basic "
                                        + access.buildCredential(TENANT_A)
                                                .orElseThrow()
                                                .dockerAuth(),
                                null,
                                List.of("registry:catalog:*"))
                        .token();

        assertThat(get("/v2/_catalog", Optional.of(buildToken)).statusCode()).isEqualTo(401);
    }

    @Test
    void aWorkloadPullsItsOwnNamespaceAndNeverAnotherTenants() throws Exception {
        pushTenantAImage("web");
        String manifest = "/v2/" + TENANT_A + "/web/manifests/" + SHA;

        assertThat(get(manifest, Optional.of(pullToken(TENANT_A, TENANT_A + "/web"))).statusCode())
                .isEqualTo(200);
        assertThat(get(manifest, Optional.of(pullToken(TENANT_B, TENANT_A + "/web"))).statusCode())
                .isEqualTo(401);
    }

    /**
     * One RUN step of static busybox running every probe, one {@code probe-result <name> <outcome>}
     * line each: {@code dns <host>} (resolves or fails), {@code tcp <name> <host> <port>} (open or
     * closed), {@code http <name> <host> <port> <path>} (the status line, or no-answer).
     */
    private void writeProbeBuild(List<String> probes) {
        String script =
                String.join(
                        "\n",
                        "b=/bin/busybox",
                        "say() { echo \"probe-result $1 $2\"; }",
                        "dns() { if $b nslookup \"$1\" >/dev/null 2>&1; then say dns resolves;"
                                + " else say dns fails; fi; }",
                        "tcp() { if $b nc -w 5 \"$2\" \"$3\" </dev/null >/dev/null 2>&1;"
                                + " then say \"$1\" open; else say \"$1\" closed; fi; }",
                        // nc stops reading at the end of its input: keep it open for the answer.
                        "http() { s=$({ printf 'GET %s HTTP/1.1\\r\\nHost: %s\\r\\n"
                                + "Connection: close\\r\\n\\r\\n' \"$4\" \"$2\"; $b sleep 3; }"
                                + " | $b nc -w 5 \"$2\" \"$3\" 2>/dev/null | $b head -n 1"
                                + " | $b tr -d '\\r'); say \"$1\" \"${s:-no-answer}\"; }",
                        // All at once: the build takes as long as the slowest probe.
                        probes.stream().map(probe -> probe + " &").collect(joining("\n")),
                        "wait",
                        "");
        TestImages.write(context, "busybox", TestImages.busyboxOrSkip());
        TestImages.write(context, "probes.sh", script.getBytes(UTF_8));
        TestImages.write(
                context,
                "Dockerfile",
                ("FROM scratch\nCOPY busybox /bin/busybox\nCOPY probes.sh /probes.sh\n"
                                + "RUN [\"/bin/busybox\", \"sh\", \"/probes.sh\"]\n")
                        .getBytes(UTF_8));
    }

    private void assertProbe(String name, String outcome, String what) {
        String prefix = "probe-result " + name + " ";
        List<String> results =
                lines.stream()
                        .filter(line -> line.contains(prefix))
                        .map(line -> line.substring(line.indexOf(prefix) + prefix.length()).strip())
                        .toList();
        assertThat(results).as(what + ": probe " + name + " ran once").hasSize(1);
        assertThat(results.get(0)).as(what + " (probe " + name + ")").startsWith(outcome);
    }

    private static boolean engineHolds(PushTarget image) {
        try {
            Process inspect =
                    new ProcessBuilder(engine.command("image", "inspect", image.reference()))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return inspect.waitFor() == 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pullToken(String namespace, String repository) {
        RegistryCredential pull = access.pullCredential(namespace).orElseThrow();
        return authority
                .exchange(
                        "Basic " + pull.dockerAuth(),
                        "mcpdeploy-registry",
                        List.of("repository:" + repository + ":pull"))
                .token();
    }

    private PushTarget pushTenantAImage(String service) {
        PushTarget image = image(TENANT_A, service);
        if (registryClient().hasImage(image)) {
            return image;
        }
        TestImages.write(
                context,
                "Dockerfile",
                "FROM scratch\nCOPY busybox /bin/busybox\nCOPY a.txt /a.txt\n".getBytes(UTF_8));
        TestImages.write(context, "busybox", TestImages.busyboxOrSkip());
        TestImages.write(context, "a.txt", "tenant-a-data\n".getBytes(UTF_8));
        build(image);
        return image;
    }

    private void build(PushTarget image) {
        build(image, RunNetwork.NONE);
    }

    private void build(PushTarget image, RunNetwork runNetwork) {
        try {
            builder(runNetwork).buildAndPush(job(image), lines::add, new Cancellation());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertBuildRefused(PushTarget image, String reason) {
        assertThatThrownBy(
                        () ->
                                builder(RunNetwork.NONE)
                                        .buildAndPush(job(image), lines::add, new Cancellation()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure -> {
                            assertThat(failure.getType()).isEqualTo(StepFailure.BUILD_FAILED);
                            assertThat(String.join("\n", lines)).containsIgnoringCase(reason);
                        });
        assertThat(registryClient().hasImage(image)).isFalse();
    }

    /** The address this machine's traffic to the public internet leaves from (no packet sent). */
    private static String primaryAddress() {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(PUBLIC_HOST, 443));
            return socket.getLocalAddress().getHostAddress();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * This machine's first resolver outside loopback: private here, open to builds for DNS only.
     */
    private static String resolver() {
        try {
            return Files.readAllLines(Path.of("/etc/resolv.conf")).stream()
                    .map(String::strip)
                    .filter(line -> line.startsWith("nameserver "))
                    .map(line -> line.substring("nameserver ".length()).strip())
                    .filter(address -> address.matches("\\d+(\\.\\d+){3}"))
                    .filter(address -> !address.startsWith("127."))
                    .findFirst()
                    .orElse("10.0.0.1");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The platform's services as a build would find them: this machine's own addresses (the build
     * network's host side, its other interfaces) and loopback.
     */
    private static List<String> internalAddresses() {
        List<String> hosts = new java.util.ArrayList<>(List.of(network.hostAddress(), "127.0.0.1"));
        try {
            NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address)
                    .filter(address -> !address.isLoopbackAddress())
                    .map(address -> address.getHostAddress())
                    .filter(address -> !hosts.contains(address))
                    .findFirst()
                    .ifPresent(hosts::add);
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
        return hosts;
    }

    private HttpResponse<String> get(String path, Optional<String> token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://" + registry.host() + path))
                        .header("Accept", RegistryClient.MANIFEST_TYPES);
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PushTarget image(String namespace, String service) {
        return PushTarget.parse(registry.host() + "/" + namespace + "/" + service + ":" + SHA);
    }

    private static DockerEngineImageBuilder builder(RunNetwork runNetwork) {
        return new DockerEngineImageBuilder(
                DockerEngineProcess.CLIENT.toString(),
                engine.host(),
                runNetwork,
                Duration.ofMinutes(3),
                new DeployStepMeter(new SimpleMeterRegistry()));
    }

    private BuildJob job(PushTarget image) {
        return new BuildJob(
                context,
                context.resolve("Dockerfile"),
                image,
                true,
                new BuildRecipe("", "Dockerfile"),
                new RegistryLogin(
                        access.buildCredential(RegistryAccess.namespaceOf(image.repository())),
                        access.bearerToken(
                                image.repository(), RegistryRole.BUILD, "pull", "push")));
    }

    private static RegistryClient registryClient() {
        return new RegistryClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), true, access);
    }
}
