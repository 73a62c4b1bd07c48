package ink.ml.deploy.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.testing.Directories;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.MockDeploymentController;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.testing.RestartablePostgres;
import ink.ml.deploy.testing.ServiceProcess;
import ink.ml.deploy.testing.StaticBusybox;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.codec.EncryptedDataConverter;
import ink.ml.deploy.workflow.codec.PayloadKeys;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The deployment spine's whole world, shared by {@link DeploymentSpineIT} and {@link
 * DeploymentSpineBenchmark}: the packaged worker and deployer-worker run as separate processes, as
 * in production (the worker's workflows and database activities on queue {@code default}, the
 * deployer-worker's clone, build, push and apply activities on {@code deployer-eu-central-1}),
 * against the Temporal test server over gRPC on a local port, an embedded PostgreSQL (migrated by
 * the worker's Flyway), bare git repositories on disk (the deployer's internal git-server URL is
 * {@code file://} their directory), Debian's {@code docker-registry} on 127.0.0.1 and a private
 * Docker engine from Debian's {@code docker.io}. Kubernetes is the fabric8 mock API server in CRUD
 * mode, with {@link MockDeploymentController} marking Deployments available; nothing runs the
 * image.
 *
 * <p>Where Docker, the registry or busybox is not installed, {@link #start} skips the calling test
 * with a message saying which (fails it with {@code CI=true}); {@code ./run-tests} installs them.
 * Close it to stop everything in reverse order.
 */
final class SpineEnvironment implements AutoCloseable {
    private static final HttpClient REGISTRY_HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final String USER = "itu1";
    static final String REGION = "eu-central-1";

    /** A {@code FROM scratch} image whose one program is Debian's static busybox. */
    static final String DOCKERFILE =
            String.join(
                    "\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "EXPOSE 8080",
                    "CMD [\"/bin/busybox\",\"httpd\",\"-f\",\"-p\",\"8080\"]",
                    "");

    private static final Duration SERVICE_START = Duration.ofSeconds(90);
    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(3);

    /** Everything started, stopped in reverse order whatever happened. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private final List<ServiceProcess> services = new ArrayList<>();

    /** How each service was started, by name, to start it again the same way after a crash. */
    private final Map<String, Launch> launches = new HashMap<>();

    private final byte[] busybox;
    private final Path gitRoot;
    private final Path checkouts;
    private final Path postgresData;
    private RestartablePostgres postgres;
    private RegistryProcess registry;
    private DockerEngineProcess docker;
    private String jdbcUrl;
    private KubernetesClient kubernetes;
    private WorkflowClient workflows;

    private SpineEnvironment(byte[] busybox, Path gitRoot, Path checkouts, Path postgresData) {
        this.busybox = busybox;
        this.gitRoot = gitRoot;
        this.checkouts = checkouts;
        this.postgresData = postgresData;
    }

    /**
     * Starts everything, with git repositories, the deployer's checkouts, PostgreSQL's data and the
     * service logs under {@code target/{name}-git}, {@code -checkouts}, {@code -postgres} and
     * {@code -logs}; on failure prints the services' logs and stops what started.
     */
    static SpineEnvironment start(String name) throws Exception {
        Path worker = ServiceProcess.runnableJar("worker");
        Path deployer = ServiceProcess.runnableJar("deployer-worker");
        RealParts.require(StaticBusybox.unavailableReason());
        SpineEnvironment environment =
                new SpineEnvironment(
                        Files.readAllBytes(StaticBusybox.PATH),
                        Directories.recreate(Path.of("target", name + "-git").toAbsolutePath()),
                        Directories.recreate(
                                Path.of("target", name + "-checkouts").toAbsolutePath()),
                        Path.of("target", name + "-postgres").toAbsolutePath());
        try {
            environment.startAll(
                    worker,
                    deployer,
                    jvmOptionsFor(name),
                    Directories.recreate(Path.of("target", name + "-logs").toAbsolutePath()));
            return environment;
        } catch (Throwable e) {
            environment.printServiceLogs();
            environment.close();
            throw e;
        }
    }

    /**
     * Tests start the services with the C1 compiler only, which boots faster; the benchmark runs
     * them with the full JIT, as in production, so its numbers are not a test artefact.
     */
    private static List<String> jvmOptionsFor(String name) {
        return "bench".equals(name)
                ? List.of("-Xmx384m")
                : List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
    }

    private void startAll(Path worker, Path deployer, List<String> jvmOptions, Path logs)
            throws Exception {
        registry = started(RegistryProcess.startOrSkip());
        docker = started(DockerEngineProcess.startOrSkip(registry.host()));

        postgres = started(RestartablePostgres.start(postgresData));
        String adminUrl = postgres.jdbcUrl("postgres");
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
                PreparedStatement create =
                        connection.prepareStatement("CREATE DATABASE mcpdeploy")) {
            create.execute();
        }
        jdbcUrl = postgres.jdbcUrl("mcpdeploy");

        int temporalPort = freePort();
        TestServer.PortBoundTestServer temporal =
                TestServer.createPortBoundServer(temporalPort, true);
        started.push(temporal::close);
        String temporalTarget = "localhost:" + temporalPort;

        KubernetesMockServer apiServer =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        new HashMap<>(),
                        new KubernetesCrudDispatcher(),
                        false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        started.push(apiServer::destroy);
        kubernetes = started(apiServer.createClient());
        started(MockDeploymentController.start(kubernetes));

        String payloadKey = randomKey();
        ServiceProcess workerProcess =
                launch(
                        new Launch(
                                "worker",
                                worker,
                                jvmOptions,
                                workerProperties(temporalTarget),
                                Map.of(
                                        "MCPDEPLOY_TEMPORAL_PAYLOAD_KEY_K1", payloadKey,
                                        "MCPDEPLOY_CRYPTO_KEY_K1", randomKey(),
                                        "MCPDEPLOY_CRYPTO_TOKEN_PEPPER", randomKey()),
                                logs));
        ServiceProcess deployerProcess =
                launch(
                        new Launch(
                                "deployer-worker",
                                deployer,
                                jvmOptions,
                                deployerProperties(
                                        temporalTarget,
                                        "http://127.0.0.1:" + apiServer.getPort(),
                                        docker.host()),
                                Map.of(
                                        "MCPDEPLOY_TEMPORAL_PAYLOAD_KEY_K1",
                                        payloadKey,
                                        // Signs read tokens, unused by file:// clones; set as
                                        // in production.
                                        "MCPDEPLOY_GIT_TOKENS_KEYS_K1",
                                        randomKey()),
                                logs));
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> workerProcess.awaitStarted(SERVICE_START)),
                        CompletableFuture.runAsync(
                                () -> deployerProcess.awaitStarted(SERVICE_START)))
                .join();

        WorkflowServiceStubs stubs =
                WorkflowServiceStubs.newServiceStubs(
                        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
        started.push(stubs::shutdownNow);
        workflows =
                WorkflowClient.newInstance(
                        stubs,
                        WorkflowClientOptions.newBuilder()
                                .setNamespace("default")
                                .setDataConverter(
                                        EncryptedDataConverter.with(
                                                PayloadKeys.of(Map.of("k1", payloadKey), "k1")))
                                .build());
        sql("INSERT INTO users (id, display_name) VALUES (?, 'Integration Test')", USER);
    }

    /** What {@link ServiceProcess#start} takes, kept to start the service again the same way. */
    private record Launch(
            String name,
            Path jar,
            List<String> jvmOptions,
            Map<String, String> properties,
            Map<String, String> environment,
            Path logs) {}

    private ServiceProcess launch(Launch launch) {
        launches.put(launch.name(), launch);
        return launch(launch, launch.name());
    }

    private ServiceProcess launch(Launch launch, String logName) {
        ServiceProcess process =
                started(
                        ServiceProcess.start(
                                logName,
                                launch.jar(),
                                launch.jvmOptions(),
                                launch.properties(),
                                launch.environment(),
                                launch.logs()));
        services.add(process);
        return process;
    }

    /** The running process of the service started as {@code name} (the latest, after restarts). */
    ServiceProcess service(String name) {
        for (int i = services.size() - 1; i >= 0; i--) {
            if (services.get(i).name().startsWith(name) && services.get(i).isAlive()) {
                return services.get(i);
            }
        }
        throw new IllegalStateException(name + " is not running");
    }

    /**
     * Starts the service again after a crash, as its supervisor (Kubernetes, systemd) would: same
     * configuration and secrets, a log of its own; returns once it has started.
     */
    ServiceProcess restart(String name) {
        Launch launch = launches.get(name);
        long previous = services.stream().filter(s -> s.name().startsWith(name)).count();
        ServiceProcess process = launch(launch, name + "-restart" + previous);
        process.awaitStarted(SERVICE_START);
        return process;
    }

    /**
     * Stops PostgreSQL as an outage would (open sessions end, new ones are refused), keeping its
     * data; {@link #startPostgresAgain} brings it back on the same port.
     */
    void stopPostgres() {
        postgres.stop();
    }

    void startPostgresAgain() {
        postgres.startAgain();
    }

    /** The deployer-worker's checkout directory ({@code mcpdeploy.source.work-dir}). */
    Path checkouts() {
        return checkouts;
    }

    RegistryProcess registry() {
        return registry;
    }

    DockerEngineProcess docker() {
        return docker;
    }

    KubernetesClient kubernetes() {
        return kubernetes;
    }

    /** A client of the Temporal server the services use, with their payload codec. */
    WorkflowClient workflows() {
        return workflows;
    }

    /**
     * A project with an internal repository (its first commit holds the app) and a service.
     *
     * @param repoPath the repository's path on the git-server, {@code {user}/{project}/{repo}}
     */
    record Fixture(
            ServiceRef ref,
            UUID serviceId,
            UUID repoId,
            String repoPath,
            BareRepository repository) {}

    record DeploymentRow(String id, String commit, String status, String error) {}

    /** {@link #fixture(String, String)} with the busybox {@link #DOCKERFILE}. */
    Fixture fixture(String project) throws SQLException {
        return fixture(project, DOCKERFILE);
    }

    /**
     * A project, its internal repository holding {@code dockerfile} and busybox (not yet
     * committed), and a service {@code web} on port 8080 that tracks its {@code main}.
     */
    Fixture fixture(String project, String dockerfile) throws SQLException {
        ServiceRef ref = ServiceRef.of(USER, project, "web");
        UUID projectId = UUID.randomUUID();
        UUID repoId = UUID.randomUUID();
        UUID serviceId = UUID.randomUUID();
        String repoName = project + "-app";
        sql(
                "INSERT INTO projects (id, user_id, name, region) VALUES (?, ?, ?, ?)",
                projectId,
                USER,
                project,
                REGION);
        sql(
                "INSERT INTO internal_repos (id, project_id, name) VALUES (?, ?, ?)",
                repoId,
                projectId,
                repoName);
        sql(
                "INSERT INTO services (id, project_id, name, host_label, source_kind,"
                        + " internal_repo_id, branch, dockerfile_path, port, memory_mi,"
                        + " milli_cpu) VALUES (?, ?, 'web', ?, 'internal', ?, ?, 'Dockerfile',"
                        + " 8080, 256, 500)",
                serviceId,
                projectId,
                ref.hostLabel(),
                repoId,
                BareRepository.BRANCH);
        String repoPath = USER + "/" + project + "/" + repoName;
        BareRepository repository = BareRepository.create(gitRoot, repoPath);
        started.push(repository);
        repository.write("Dockerfile", dockerfile).write("busybox", busybox, true);
        return new Fixture(ref, serviceId, repoId, repoPath, repository);
    }

    /** Runs the push workflow as the git-server's post-receive hook would, to its end. */
    PushOutcome push(Fixture fixture, String sha) {
        DeliveryId delivery = DeliveryId.of("it-" + UUID.randomUUID());
        return pushWorkflow(delivery).handle(pushEvent(delivery, fixture, sha));
    }

    /** Starts the push workflow as {@link #push} does, without waiting for its end. */
    StartedPush startPush(Fixture fixture, String sha) {
        DeliveryId delivery = DeliveryId.of("it-" + UUID.randomUUID());
        CompletableFuture<PushOutcome> outcome =
                WorkflowClient.execute(
                        pushWorkflow(delivery)::handle, pushEvent(delivery, fixture, sha));
        return new StartedPush(WorkflowIds.gitPush(PushSource.GIT_SERVER, delivery), outcome);
    }

    /** A push workflow started by {@link #startPush}. */
    record StartedPush(String workflowId, CompletableFuture<PushOutcome> outcome) {}

    /** Waits until the push has read the branch head (its first {@code ResolveBranchHead}). */
    void awaitBranchHeadRead(StartedPush push) {
        await("push " + push.workflowId() + " has read the branch head")
                .atMost(DEPLOY_DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> branchHeadRead(push.workflowId()));
    }

    private boolean branchHeadRead(String workflowId) {
        Set<Long> headReads = new HashSet<>();
        for (HistoryEvent event : workflows.fetchHistory(workflowId).getEvents()) {
            if (event.hasActivityTaskScheduledEventAttributes()
                    && event.getActivityTaskScheduledEventAttributes()
                            .getActivityType()
                            .getName()
                            .equals("ResolveBranchHead")) {
                headReads.add(event.getEventId());
            }
            if (event.hasActivityTaskCompletedEventAttributes()
                    && headReads.contains(
                            event.getActivityTaskCompletedEventAttributes()
                                    .getScheduledEventId())) {
                return true;
            }
        }
        return false;
    }

    private GitPushWorkflow pushWorkflow(DeliveryId delivery) {
        return workflows.newWorkflowStub(
                GitPushWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.gitPush(PushSource.GIT_SERVER, delivery))
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                        .build());
    }

    private static PushEvent pushEvent(DeliveryId delivery, Fixture fixture, String sha) {
        return new PushEvent(
                PushSource.GIT_SERVER.value(),
                delivery.value(),
                fixture.repoPath(),
                BareRepository.BRANCH,
                sha);
    }

    /**
     * Polls until the deployment is active; fails as soon as it ends any other way. A deadline that
     * passes fails with what Temporal holds for its workflow ({@link TemporalStateReport}).
     */
    void awaitActive(UUID deploymentId) {
        try {
            await("deployment " + deploymentId + " is active")
                    .atMost(DEPLOY_DEADLINE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> {
                                DeploymentRow row = deployment(deploymentId);
                                if (Set.of("failed", "cancelled", "superseded", "crashed")
                                        .contains(row.status())) {
                                    throw new AssertionError(
                                            "deployment " + deploymentId + " ended " + row);
                                }
                                return row.status();
                            },
                            "active"::equals);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + temporalStateOf(deploymentId), e);
        }
    }

    /** What Temporal holds for the deployment's workflow, for a failing test's output. */
    String temporalStateOf(UUID deploymentId) {
        return new TemporalStateReport(workflows)
                .of(WorkflowIds.deploy(deploymentId), TaskQueues.deployer(Region.of(REGION)));
    }

    /** Polls until none of the service's deployments is in flight and {@code done} holds. */
    List<DeploymentRow> awaitSettled(UUID serviceId, Predicate<List<DeploymentRow>> done) {
        return await("no deployment of " + serviceId + " is in flight")
                .atMost(DEPLOY_DEADLINE)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> deploymentsOf(serviceId),
                        rows ->
                                rows.stream()
                                                .noneMatch(
                                                        row ->
                                                                Set.of(
                                                                                "queued",
                                                                                "building",
                                                                                "deploying")
                                                                        .contains(row.status()))
                                        && done.test(rows));
    }

    DeploymentRow deployment(UUID id) throws SQLException {
        return deploymentRows("WHERE id = ?", id).get(0);
    }

    List<DeploymentRow> deploymentsOf(UUID serviceId) throws SQLException {
        return deploymentRows("WHERE service_id = ? ORDER BY created_at, id", serviceId);
    }

    private List<DeploymentRow> deploymentRows(String where, Object parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT id, commit_sha, status, coalesce(error_step, '') || ': '"
                                        + " || coalesce(error_message, '') FROM deployments "
                                        + where)) {
            query.setObject(1, parameter);
            List<DeploymentRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(
                            new DeploymentRow(
                                    result.getString(1),
                                    result.getString(2),
                                    result.getString(3),
                                    result.getString(4)));
                }
            }
            return rows;
        }
    }

    /** The first column of every row {@code sql} returns, as text. */
    List<String> column(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        }
    }

    /** The one value {@code sql} returns; fails when it returns no row or several. */
    String single(String sql, Object... parameters) throws SQLException {
        List<String> values = column(sql, parameters);
        if (values.size() != 1) {
            throw new AssertionError(sql + " returned " + values.size() + " rows: " + values);
        }
        return values.get(0);
    }

    void sql(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The JDBC URL of the product plane's database, user {@code postgres}, no password. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The registry's HTTP API at {@code /v2/{path}}. */
    private URI registryApi(String path) {
        return URI.create("http://" + registry.host() + "/v2/" + path);
    }

    /** The tags the registry holds for {@code repository}, sorted; empty when it holds none. */
    List<String> registryTags(String repository) throws Exception {
        HttpResponse<String> response =
                REGISTRY_HTTP.send(
                        HttpRequest.newBuilder(registryApi(repository + "/tags/list")).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "tags of " + repository + ": " + response.statusCode() + response.body());
        }
        JsonNode tags = new ObjectMapper().readTree(response.body()).path("tags");
        List<String> names = new ArrayList<>();
        tags.forEach(tag -> names.add(tag.asText()));
        names.sort(null);
        return names;
    }

    /** HEAD of the image manifest in the registry, as a pull would start. */
    int manifestStatus(String repository, String tag) throws Exception {
        HttpResponse<Void> response =
                REGISTRY_HTTP.send(
                        HttpRequest.newBuilder(registryApi(repository + "/manifests/" + tag))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .header(
                                        "Accept",
                                        String.join(
                                                ", ",
                                                "application/vnd.oci.image.index.v1+json",
                                                "application/vnd.oci.image.manifest.v1+json",
                                                "application/vnd.docker.distribution.manifest.v2+json",
                                                "application/vnd.docker.distribution.manifest.list.v2+json"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    private Map<String, String> workerProperties(String temporalTarget) {
        Map<String, String> properties = new LinkedHashMap<>(common(temporalTarget));
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        properties.put("mcpdeploy.clusters.regions." + REGION + ".registry", registry.host());
        // The real deployer here learns of a cancellation at its next heartbeat (a second) and
        // stops its build in a few more; a run left stuck by the Temporal test server
        // (sdk-java#2391, see the README) is ended after this instead of the production 30 s.
        properties.put("mcpdeploy.deploy.cancellation-wait", "10s");
        return properties;
    }

    private Map<String, String> deployerProperties(
            String temporalTarget, String apiServerUrl, String dockerHost) {
        Map<String, String> properties = new LinkedHashMap<>(common(temporalTarget));
        properties.put("quarkus.kubernetes-client.api-server-url", apiServerUrl);
        properties.put("quarkus.kubernetes-client.trust-certs", "true");
        // The mock API server cannot do server-side apply (it answers 415 to the apply patch).
        properties.put("mcpdeploy.workload.apply-mode", "create-or-update");
        properties.put("mcpdeploy.workload.rollout-poll-interval", "100ms");
        properties.put("mcpdeploy.builder.kind", "docker");
        properties.put("mcpdeploy.builder.docker.host", dockerHost);
        properties.put("mcpdeploy.builder.docker.binary", DockerEngineProcess.CLIENT.toString());
        properties.put("mcpdeploy.clusters.home-region", REGION);
        properties.put("mcpdeploy.clusters.regions." + REGION + ".registry", registry.host());
        properties.put("mcpdeploy.source.git-server.url", gitRoot.toUri().toString());
        properties.put("mcpdeploy.source.work-dir", checkouts.toString());
        properties.put("quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
        return properties;
    }

    private static Map<String, String> common(String temporalTarget) {
        return Map.of(
                "quarkus.temporal.connection.target", temporalTarget, "quarkus.http.port", "0");
    }

    /** What the services said: for a failed test's output. */
    void printServiceLogs() {
        for (ServiceProcess service : services) {
            System.err.println(
                    "===== "
                            + service.name()
                            + (service.isAlive() ? "" : " (exited)")
                            + " log tail =====\n"
                            + service.tail(20_000));
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping a test resource failed: " + e);
            }
        }
        services.clear();
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.push(resource);
        return resource;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
