package ink.ml.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import ink.ml.deploy.testing.BuildNetwork;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.PrometheusProcess;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.testing.RegistryTokenKeys;
import ink.ml.deploy.testing.ServiceProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: embedded PostgreSQL, a Temporal server (the Java test server,
 * unless {@code TEMPORAL_ADDRESS} names one), Debian's {@code docker-registry} and a private Docker
 * engine when installed, Kubernetes ({@code KUBECONFIG}'s cluster or an in-memory API), a local
 * identity provider, and the six packaged services as separate processes, started in that order and
 * stopped in reverse by {@link #close()} or when the JVM exits (Ctrl-C), leaving no process and no
 * temporary directory behind. Service logs stay in {@link #logDirectory()}.
 *
 * <p>Once every service answers, a local user is signed in and given an API key ({@link
 * #apiKey()}).
 */
public final class LocalPlatform implements AutoCloseable {
    static final String LOCAL_UID = "local";
    static final String LOCAL_EMAIL = "local@mcpdeploy.localhost";
    static final String LOCAL_NAME = "Local User";

    private static final Duration SERVICE_START = Duration.ofMinutes(3);
    private static final String DATABASE = "mcpdeploy";

    /**
     * The job cAdvisor's series carry in a cluster's Prometheus ({@code job="kubelet"}): the
     * deployer-worker exports the apps' figures under the same names, so the same queries read
     * both.
     */
    private static final String APPS_SCRAPE_JOB = "kubelet";

    private static final String APPS_METRICS_PATH = "/metrics/cadvisor";

    /** Everything started, stopped in reverse order whatever happened. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Read by the shutdown hook while start may still add to it. */
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

    private final AtomicBoolean closed = new AtomicBoolean();
    private final LocalPlatformOptions options;
    private final StartupCache startupCache = StartupCache.ofThisJvm();
    private final PortPlan ports;
    private final Thread shutdownHook;
    private final PlatformSecrets secrets = PlatformSecrets.random();
    private String jdbcUrl;
    private String temporalTarget;
    private Optional<RegistryProcess> registry = Optional.empty();
    private Optional<DockerEngineProcess> docker = Optional.empty();
    private Optional<PlatformWiring.BuildEngine> buildEngine = Optional.empty();
    private Optional<RegistryTokenKeys> registryTokenKeys = Optional.empty();
    private Optional<String> buildsUnavailable = Optional.empty();
    private Optional<KubernetesTarget> kubernetes = Optional.empty();
    private Optional<DockerApps> dockerApps = Optional.empty();
    private Optional<PrometheusProcess> prometheus = Optional.empty();
    private Optional<TestDomains> testDomains = Optional.empty();
    private String metricsDescription;
    private String appsDescription;
    private LocalIdentityProvider identity;
    private PlatformWiring wiring;
    private String apiKey;
    private URI signInLink;

    private LocalPlatform(LocalPlatformOptions options) {
        this.options = options;
        this.ports = options.portPlan();
        this.shutdownHook = new Thread(this::close, "local-platform-shutdown");
    }

    /**
     * Starts everything and signs the local user in; on any failure prints what the failing part
     * said, stops what had started and throws.
     *
     * @throws IllegalStateException naming what did not start (a missing jar names the build
     *     command)
     */
    public static LocalPlatform start(LocalPlatformOptions options) {
        LocalPlatform platform = new LocalPlatform(options);
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        List<Path> jars = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            jars.add(ServiceProcess.runnableJar(options.repositoryRoot(), service.module()));
        }
        ports.requireFree(
                options.temporalAddress().isEmpty(), options.appsTarget() == AppsTarget.DOCKER);
        Path logs = Directories.recreate(options.logDirectory());

        say("PostgreSQL: starting an embedded server…");
        jdbcUrl = startPostgres();

        Optional<String> externalTemporal = options.temporalAddress();
        if (externalTemporal.isPresent()) {
            temporalTarget = externalTemporal.get();
            say("Temporal: using TEMPORAL_ADDRESS=" + temporalTarget);
        } else {
            TestServer.PortBoundTestServer temporal =
                    TestServer.createPortBoundServer(ports.temporalPort(), true);
            started(temporal::close);
            temporalTarget = "127.0.0.1:" + ports.temporalPort();
            say("Temporal: Java test server on " + temporalTarget + " (in memory)");
        }

        startBuilders();

        PlatformWiring.ExecutionWiring execution = startAppsTarget();
        startPrometheus();

        identity = started(LocalIdentityProvider.start());

        Path runDirectory = temporaryDirectory("mcpdeploy-local-");
        startTestDomains(runDirectory);
        wiring =
                new PlatformWiring(
                        ports,
                        jdbcUrl,
                        temporalTarget,
                        registry.map(RegistryProcess::host),
                        buildEngine,
                        registryTokenKeys,
                        execution,
                        runDirectory,
                        identity.jwksUrl(),
                        identity.projectId(),
                        prometheus.map(PrometheusProcess::url),
                        options.metricsScrapeInterval(),
                        secrets);
        createDirectory(wiring.gitRoot());
        createDirectory(wiring.checkoutDirectory());
        for (PlatformService service : PlatformService.values()) {
            createDirectory(wiring.temporaryDirectory(service));
        }

        say("Services: starting " + PlatformService.values().length + " (logs in " + logs + ")…");
        started(this::stopServices);
        PlatformService[] all = PlatformService.values();
        for (int i = 0; i < all.length; i++) {
            PlatformService service = all[i];
            Map<String, String> properties = new LinkedHashMap<>();
            testDomains.ifPresent(domains -> properties.putAll(domains.properties(service)));
            properties.putAll(options.serviceProperties(all[i]));
            ServiceLaunch launch =
                    wiring.launch(all[i], properties, options.serviceEnvironment(all[i]));
            startedService(
                    ServiceProcess.start(
                            all[i].module(),
                            jars.get(i),
                            jvmOptions(jars.get(i)),
                            launch.systemProperties(),
                            launch.environment(),
                            logs));
        }
        awaitServices();
        apiKey = createApiKey();
        signInLink = signInLink(LOCAL_UID, LOCAL_EMAIL, LOCAL_NAME);
    }

    private String startPostgres() {
        EmbeddedPostgres postgres;
        try {
            postgres = started(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        try (Connection connection =
                        DriverManager.getConnection(
                                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    /**
     * The registry and the Docker engine when installed; otherwise says plainly what is missing.
     * The registry uses token auth (the deployer-worker is its realm), and the engine runs in a
     * build network of its own behind an egress filter where this machine allows one (root,
     * iproute2, nftables); otherwise builds run but are not network-isolated, and it says so. RUN
     * steps get a network, the engine's own, exactly when it is that build network.
     */
    private void startBuilders() {
        Optional<String> registryMissing = RegistryProcess.unavailableReason();
        Optional<String> dockerMissing = DockerEngineProcess.unavailableReason();
        buildsUnavailable = registryMissing.or(() -> dockerMissing);
        if (buildsUnavailable.isPresent()) {
            say("Builds CANNOT run on this machine: " + buildsUnavailable.get());
            return;
        }
        Optional<BuildNetwork> network = Optional.empty();
        Optional<String> isolationMissing = BuildNetwork.unavailableReason();
        if (isolationMissing.isEmpty()) {
            network = Optional.of(started(BuildNetwork.create()));
        }
        RegistryTokenKeys keys =
                RegistryTokenKeys.generate(temporaryDirectory("mcpdeploy-registry-auth-"));
        registryTokenKeys = Optional.of(keys);
        RegistryProcess started =
                started(
                        RegistryProcess.start(
                                network.map(BuildNetwork::hostAddress).orElse("127.0.0.1"),
                                Optional.of(
                                        new RegistryProcess.TokenAuth(
                                                PlatformWiring.registryTokenRealm(ports),
                                                PlatformWiring.REGISTRY_ISSUER,
                                                PlatformWiring.REGISTRY_SERVICE,
                                                keys.certificateFile()))));
        registry = Optional.of(started);
        say("Registry: docker-registry on " + started.host() + " (token auth per project)");
        if (options.everyBaseImage()) {
            say("Base images: pushing every one, making those not cached (minutes each)…");
        }
        long pushing = System.nanoTime();
        BaseImageStandIns.Pushed pushed =
                BaseImageStandIns.push(started.host(), keys, options.everyBaseImage());
        say(pushed.summary(Duration.ofNanos(System.nanoTime() - pushing)));
        DockerEngineProcess engine;
        if (network.isPresent()) {
            network.get().allow(started.port());
            engine = started(DockerEngineProcess.startIn(network.get(), started.host()));
            say("Builder: private Docker engine at " + engine.host() + ", in " + network.get());
            say(
                    "Builds: RUN steps reach the public internet through the build network's"
                            + " filter (npm, pip, Maven work), never this machine or its network");
        } else {
            engine = started(DockerEngineProcess.start(started.host()));
            say(
                    "Builder: private Docker engine at "
                            + engine.host()
                            + ". Builds are NOT network-isolated: "
                            + isolationMissing.get());
            say(
                    "Builds: RUN steps have NO network (no build network to filter it), so"
                            + " installs that download (npm, pip, Maven) fail");
        }
        docker = Optional.of(engine);
        buildEngine =
                Optional.of(new PlatformWiring.BuildEngine(engine.host(), network.isPresent()));
    }

    /**
     * Where apps run: {@code KUBECONFIG}'s cluster, the in-memory API when asked, else the Docker
     * engine and the edge; where those cannot run here, the in-memory API, saying why.
     */
    private PlatformWiring.ExecutionWiring startAppsTarget() {
        AppsTarget target = options.appsTarget();
        if (target == AppsTarget.DOCKER) {
            Optional<String> unavailable = buildsUnavailable.or(DockerApps::unavailableReason);
            if (unavailable.isEmpty()) {
                DockerApps apps = started(DockerApps.start(ports, registry.orElseThrow().host()));
                dockerApps = Optional.of(apps);
                appsDescription = apps.description();
                say("Apps: " + appsDescription);
                return apps.wiring();
            }
            say(
                    "Apps CANNOT run on Docker here ("
                            + unavailable.get()
                            + "); using the in-memory Kubernetes API, which runs no pods");
            target = AppsTarget.IN_MEMORY_KUBERNETES;
        }
        KubernetesTarget cluster =
                started(
                        target == AppsTarget.KUBECONFIG
                                ? KubernetesTarget.connect(options.kubeconfig().orElseThrow())
                                : KubernetesTarget.startInMemory());
        kubernetes = Optional.of(cluster);
        appsDescription = "Kubernetes: " + cluster.description();
        say("Apps: " + appsDescription);
        return cluster.wiring();
    }

    /**
     * BIND and Pebble, when asked for and apps run on Docker (Pebble validates at the edge): where
     * they are not installed the run goes on without them, saying so (a test that needs them checks
     * {@link TestDomains#unavailableReason()} first).
     */
    private void startTestDomains(Path runDirectory) {
        if (!options.testDomains()) {
            return;
        }
        if (dockerApps.isEmpty()) {
            say("Custom domains: no local CA, since apps do not run on Docker here");
            return;
        }
        Optional<String> missing = TestDomains.unavailableReason();
        if (missing.isPresent()) {
            say("Custom domains: no local CA: " + missing.get());
            return;
        }
        TestDomains started = started(TestDomains.start(ports.edgePort(), runDirectory));
        testDomains = Optional.of(started);
        say("Custom domains: " + started.description());
    }

    /**
     * Prometheus, scraping every service's {@code /q/metrics} (job = the module) and, where apps
     * run on Docker, the deployer-worker's export of their figures under cAdvisor's names as job
     * {@code kubelet}, so graphql and mcp ask it exactly what they ask a cluster's Prometheus.
     */
    private void startPrometheus() {
        Optional<String> missing = PrometheusProcess.unavailableReason();
        if (missing.isPresent()) {
            metricsDescription = "CANNOT be read here: " + missing.get();
            say("Metrics: " + metricsDescription);
            return;
        }
        List<PrometheusProcess.ScrapeJob> jobs = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            jobs.add(
                    new PrometheusProcess.ScrapeJob(
                            service.module(),
                            List.of("127.0.0.1:" + ports.healthPort(service)),
                            "/q/metrics"));
        }
        if (dockerApps.isPresent()) {
            jobs.add(
                    new PrometheusProcess.ScrapeJob(
                            APPS_SCRAPE_JOB,
                            List.of("127.0.0.1:" + ports.port(PlatformService.DEPLOYER_WORKER)),
                            APPS_METRICS_PATH));
        }
        PrometheusProcess started =
                started(PrometheusProcess.start(options.metricsScrapeInterval(), jobs));
        prometheus = Optional.of(started);
        metricsDescription =
                "Prometheus at "
                        + started.url()
                        + ", scraping every "
                        + options.metricsScrapeInterval().toSeconds()
                        + " s";
        say("Metrics: " + metricsDescription);
    }

    private void awaitServices() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        PlatformService[] all = PlatformService.values();
        for (int i = 0; i < all.length; i++) {
            PlatformService service = all[i];
            ServiceProcess process = services.get(i);
            waits.add(
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    long deadline = System.nanoTime() + SERVICE_START.toNanos();
                                    process.awaitStarted(SERVICE_START);
                                    awaitHealthy(http, service, deadline);
                                } catch (RuntimeException e) {
                                    throw new ServiceFailedException(process, e);
                                }
                            }));
        }
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ServiceFailedException failed) {
                System.err.println(
                        "===== "
                                + failed.process.name()
                                + " did not start; its log ("
                                + failed.process.logFile()
                                + ") ends with =====\n"
                                + failed.process.tail(6000));
                throw new IllegalStateException(
                        failed.process.name() + " did not start: " + failed.getCause().getMessage(),
                        failed.getCause());
            }
            throw e;
        }
    }

    /**
     * Polls the service's health endpoint until it answers 200: right after "started in" a check
     * (e.g. deployer-server's Temporal connection) may still be slow on a busy machine.
     */
    private void awaitHealthy(HttpClient http, PlatformService service, long deadlineNanos) {
        URI health = wiring.healthUrl(service);
        String last = "no answer yet";
        while (System.nanoTime() < deadlineNanos) {
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(health)
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "answered " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = "did not answer: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            pause();
        }
        throw new IllegalStateException(health + " " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Signs the local user in (graphql registers them on first sight) and makes an API key. */
    private String createApiKey() {
        JsonNode data =
                new GraphqlClient(graphqlUrl())
                        .execute(
                                signInToken(LOCAL_UID, LOCAL_EMAIL, LOCAL_NAME),
                                "mutation($name: String!) { createApiKey(name: $name) { secret } }",
                                Map.of("name", "local"));
        return data.path("createApiKey").path("secret").asText();
    }

    public URI graphqlUrl() {
        return PlatformWiring.local(ports.port(PlatformService.GRAPHQL)).resolve("/graphql");
    }

    /** The dashboard, served by graphql. */
    public URI dashboardUrl() {
        return PlatformWiring.local(ports.port(PlatformService.GRAPHQL)).resolve("/");
    }

    /**
     * A one-time sign-in link to the dashboard for a user of the local identity provider (the first
     * sign-in registers them): opening it sets the dashboard's session cookie and spends it.
     */
    public URI signInLink(String uid, String email, String displayName) {
        return new DashboardSignIn(dashboardUrl()).link(signInToken(uid, email, displayName));
    }

    /** The local user's sign-in link, made at start and printed by {@code ./run-platform}. */
    public URI signInLink() {
        return signInLink;
    }

    public URI graphqlWebSocketUrl() {
        return URI.create("ws://127.0.0.1:" + ports.port(PlatformService.GRAPHQL) + "/graphql");
    }

    public URI mcpUrl() {
        return PlatformWiring.local(ports.port(PlatformService.MCP)).resolve("/mcp");
    }

    /** Repositories are at {@code /{user}/{project}/{repo}.git}. */
    public URI gitServerUrl() {
        return PlatformWiring.local(ports.port(PlatformService.GIT_SERVER));
    }

    /** GitHub push webhooks go to {@code POST /webhooks/github}. */
    public URI deployerServerUrl() {
        return PlatformWiring.local(ports.port(PlatformService.DEPLOYER_SERVER));
    }

    /** What signs {@code X-Hub-Signature-256} for graphql and deployer-server. */
    public String githubWebhookSecret() {
        return secrets.githubWebhookSecret();
    }

    /**
     * An ID token that graphql accepts as {@code Authorization: Bearer}; the first request with it
     * registers the user.
     */
    public String signInToken(String uid, String email, String displayName) {
        return identity.mint(uid, email, displayName);
    }

    /**
     * The ready-to-paste bash example {@code ./run-platform} prints: a project, a repository, a
     * push, a service, and {@code curl} of its URL.
     */
    public String example() {
        return Welcome.of(this).example();
    }

    /** The local user's {@code dk_live_} key, made at start. */
    public String apiKey() {
        return apiKey;
    }

    /**
     * A client of the API server the deployer applies to.
     *
     * @throws IllegalStateException when apps run on Docker
     */
    public KubernetesClient kubernetes() {
        return kubernetes
                .orElseThrow(() -> new IllegalStateException("apps run on Docker, not Kubernetes"))
                .client();
    }

    /** True when Kubernetes is the in-memory API (no pods run). */
    public boolean inMemoryKubernetes() {
        return kubernetes.map(KubernetesTarget::inMemory).orElse(false);
    }

    /** Where apps run, as a person is told. */
    public String appsDescription() {
        return appsDescription;
    }

    /** True when apps run as containers on this machine, behind the edge. */
    /** The run's own DNS server and ACME CA, when {@link LocalPlatformOptions#withTestDomains}. */
    public Optional<TestDomains> testDomains() {
        return testDomains;
    }

    /** Where the run's Prometheus answers, when it runs. */
    public Optional<URI> prometheusUrl() {
        return prometheus.map(PrometheusProcess::url);
    }

    /** What reads the apps' and services' figures, for people. */
    public String metricsDescription() {
        return metricsDescription;
    }

    public boolean appsRunOnDocker() {
        return dockerApps.isPresent();
    }

    /** The app engine's API socket ({@code unix://…}), when apps run on Docker. */
    public Optional<String> appEngineHost() {
        return dockerApps.map(apps -> apps.engine().host());
    }

    /**
     * Where apps answer through the edge, e.g. port 8080 for {@code
     * http://web-demo-local.localhost:8080/}.
     */
    /** Where custom domains answer over TLS, e.g. {@code https://app.example.test:8443}. */
    public int edgeTlsPort() {
        return ports.edgeTlsPort();
    }

    public int edgePort() {
        return ports.edgePort();
    }

    /**
     * Restarts the edge from its initial configuration, without routes, as after a machine reboot
     * without saved state: the deployer-worker's runtime monitor routes the running apps again.
     */
    public void restartEdgeWithoutItsRoutes() {
        dockerApps
                .orElseThrow(() -> new IllegalStateException("apps do not run on Docker"))
                .edge()
                .restartWithoutRoutes();
    }

    /** {@code 127.0.0.1:PORT}, when the registry runs. */
    public Optional<String> registryHost() {
        return registry.map(RegistryProcess::host);
    }

    public Optional<DockerEngineProcess> docker() {
        return docker;
    }

    /** Why builds cannot run here, when they cannot. */
    public Optional<String> buildsUnavailable() {
        return buildsUnavailable;
    }

    /** The embedded database's JDBC URL (user {@code postgres}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** {@code host:port} of the Temporal frontend the services use. */
    public String temporalTarget() {
        return temporalTarget;
    }

    public PortPlan ports() {
        return ports;
    }

    /** Where {@code <module>.log} of each service is. */
    public Path logDirectory() {
        return options.logDirectory();
    }

    /**
     * Stops one service, runs {@code whileDown}, then starts it again with the same settings and
     * waits until it answers: what an upgrade or a crash of that one process looks like. Its log so
     * far is kept as {@code <module>-before-restart.log}.
     */
    public void restartService(String module, Runnable whileDown) {
        PlatformService service = PlatformService.byModule(module);
        int index = List.of(PlatformService.values()).indexOf(service);
        ServiceProcess stopped = services.get(index);
        stop(stopped, service);
        try {
            Files.move(
                    stopped.logFile(),
                    stopped.logFile().resolveSibling(module + "-before-restart.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the log of " + module, e);
        }
        whileDown.run();
        ServiceLaunch launch =
                wiring.launch(
                        service,
                        options.serviceProperties(service),
                        options.serviceEnvironment(service));
        Path jar = ServiceProcess.runnableJar(options.repositoryRoot(), module);
        ServiceProcess restarted =
                ServiceProcess.start(
                        module,
                        jar,
                        jvmOptions(jar),
                        launch.systemProperties(),
                        launch.environment(),
                        options.logDirectory());
        services.set(index, restarted);
        long deadline = System.nanoTime() + SERVICE_START.toNanos();
        restarted.awaitStarted(SERVICE_START);
        awaitHealthy(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                service,
                deadline);
    }

    /** Every service's log tail on standard error, e.g. for a failed test. */
    public void printServiceLogs() {
        for (ServiceProcess service : services) {
            System.err.println(
                    "===== "
                            + service.name()
                            + (service.isAlive() ? "" : " (exited)")
                            + " log tail =====\n"
                            + service.tail(20_000));
        }
    }

    /** The services' operating-system process ids, e.g. to check that none outlives close. */
    public List<Long> servicePids() {
        return services.stream().map(ServiceProcess::pid).toList();
    }

    /**
     * Stops everything in reverse order of start; safe to call twice and from the shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs or has run.
            }
        }
        while (true) {
            AutoCloseable next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    /**
     * Remembers a started part for {@link #close()}; when Ctrl-C came while starting, stops it at
     * once instead (close has already run, and would never see it).
     */
    private <T extends AutoCloseable> T started(T resource) {
        synchronized (started) {
            if (!closed.get()) {
                started.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        throw new IllegalStateException("the local platform is stopping");
    }

    private void startedService(ServiceProcess service) {
        synchronized (started) {
            if (!closed.get()) {
                services.add(service);
                return;
            }
        }
        service.close();
        throw new IllegalStateException("the local platform is stopping");
    }

    /** All services at once: each may take seconds to shut down gracefully. */
    private void stopServices() throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        PlatformService[] all = PlatformService.values();
        if (options.startupCache()
                && Stream.of(all).anyMatch(s -> startupCache.trains(options.serviceJar(s)))) {
            say(
                    "Services: writing the start-up caches that the next start reads (once, up to"
                            + " a minute)…");
        }
        for (int i = 0; i < services.size(); i++) {
            ServiceProcess process = services.get(i);
            PlatformService service = all[i];
            Thread thread = new Thread(() -> stop(process, service), "stop-" + process.name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            thread.join();
        }
    }

    /** The options every service starts with, and its start-up cache's when that is on. */
    private List<String> jvmOptions(Path serviceJar) {
        if (!options.startupCache()) {
            return options.jvmOptions();
        }
        List<String> jvmOptions = new ArrayList<>(options.jvmOptions());
        jvmOptions.addAll(startupCache.jvmOptions(serviceJar));
        return jvmOptions;
    }

    /**
     * Stops one service. One that trained its start-up cache gets the time to write it, and the
     * cache is kept when whole.
     */
    private void stop(ServiceProcess process, PlatformService service) {
        Path jar = options.serviceJar(service);
        if (options.startupCache() && startupCache.trains(jar)) {
            process.close(StartupCache.WRITE_GRACE);
            startupCache.keep(jar, process.stoppedByItself());
        } else {
            process.close();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("stopping part of the local platform failed: " + e);
        }
    }

    private Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            started(() -> Directories.delete(directory));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory", e);
        }
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory, e);
        }
    }

    private static void say(String line) {
        System.out.println("[local-platform] " + line);
    }

    /** One service that did not come up, with the process whose log explains it. */
    private static final class ServiceFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ServiceProcess process;

        ServiceFailedException(ServiceProcess process, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.process = process;
        }
    }
}
