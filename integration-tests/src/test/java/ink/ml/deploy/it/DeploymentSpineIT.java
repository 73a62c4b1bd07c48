package ink.ml.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.testing.DockerEngineProcess;
import ink.ml.deploy.testing.RegistryProcess;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.codec.EncryptedDataConverter;
import ink.ml.deploy.workflow.codec.PayloadKeys;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The deployment spine end to end, with both services run from their packaged jars as separate
 * processes, as in production: the worker's workflows and database activities on queue {@code
 * default}, the deployer-worker's clone, build, push and apply activities on {@code
 * deployer-eu-central-1}.
 *
 * <p>Real parts: the Temporal test server over gRPC on a local port, an embedded PostgreSQL
 * (migrated by the worker's Flyway), a bare git repository on disk (the deployer's internal
 * git-server URL is {@code file://} its directory), Debian's {@code docker-registry} on 127.0.0.1
 * and the Docker engine from Debian's {@code docker.io} building a {@code FROM scratch} image with
 * Debian's static busybox. Kubernetes is the fabric8 mock API server in CRUD mode, which runs no
 * controllers and cannot do server-side apply: the deployer uses its create-or-update applier, and
 * the test marks the Deployment available ({@link MockDeploymentController}); nothing runs the
 * image.
 *
 * <p>Where Docker, the registry or busybox is not installed, the tests are skipped with a message
 * saying which; {@code .ci/run} installs them.
 */
class DeploymentSpineIT {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String USER = "itu1";
    private static final String REGION = "eu-central-1";
    private static final Duration SERVICE_START = Duration.ofSeconds(90);
    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(3);
    private static final String DOCKERFILE =
            String.join(
                    "\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "EXPOSE 8080",
                    "CMD [\"/bin/busybox\",\"httpd\",\"-f\",\"-p\",\"8080\"]",
                    "");

    /** Everything started, stopped in reverse order whatever happened. */
    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();

    private static final List<ServiceProcess> SERVICES = new ArrayList<>();

    private static byte[] busybox;
    private static String jdbcUrl;
    private static RegistryProcess registry;
    private static KubernetesClient kubernetes;
    private static WorkflowClient workflows;
    private static Path gitRoot;

    /** A failed test shows what the services said. */
    @RegisterExtension
    static final TestWatcher PRINT_SERVICE_LOGS_ON_FAILURE =
            new TestWatcher() {
                @Override
                public void testFailed(ExtensionContext context, Throwable cause) {
                    printServiceLogs();
                }
            };

    @BeforeAll
    static void startInfrastructureAndServices() throws Exception {
        Path worker = ServiceProcess.runnableJar("worker");
        Path deployer = ServiceProcess.runnableJar("deployer-worker");
        Assumptions.assumeTrue(
                Files.isRegularFile(BUSYBOX),
                "Debian's busybox-static is not installed ("
                        + BUSYBOX
                        + "): the FROM scratch image has no program to run; .ci/run installs it");
        busybox = Files.readAllBytes(BUSYBOX);
        try {
            registry = started(RegistryProcess.startOrSkip());
            DockerEngineProcess docker = started(DockerEngineProcess.startOrSkip(registry.host()));

            EmbeddedPostgres postgres = started(EmbeddedPostgres.builder().start());
            String adminUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
                    PreparedStatement create =
                            connection.prepareStatement("CREATE DATABASE mcpdeploy")) {
                create.execute();
            }
            jdbcUrl = postgres.getJdbcUrl("postgres", "mcpdeploy");

            int temporalPort = freePort();
            TestServer.PortBoundTestServer temporal =
                    TestServer.createPortBoundServer(temporalPort, true);
            STARTED.push(temporal::close);
            String temporalTarget = "localhost:" + temporalPort;

            KubernetesMockServer apiServer =
                    new KubernetesMockServer(
                            new Context(),
                            new MockWebServer(),
                            new HashMap<>(),
                            new KubernetesCrudDispatcher(),
                            false);
            apiServer.init(InetAddress.getLoopbackAddress(), 0);
            STARTED.push(apiServer::destroy);
            kubernetes = started(apiServer.createClient());
            started(MockDeploymentController.start(kubernetes));

            gitRoot = cleanDirectory(Path.of("target", "it-git").toAbsolutePath());
            Path logs = cleanDirectory(Path.of("target", "it-logs").toAbsolutePath());

            String payloadKey = randomKey();
            ServiceProcess workerProcess =
                    started(
                            ServiceProcess.start(
                                    "worker",
                                    worker,
                                    workerProperties(temporalTarget),
                                    Map.of(
                                            "MCPDEPLOY_TEMPORAL_PAYLOAD_KEY_K1", payloadKey,
                                            "MCPDEPLOY_CRYPTO_KEY_K1", randomKey(),
                                            "MCPDEPLOY_CRYPTO_TOKEN_PEPPER", randomKey()),
                                    logs));
            SERVICES.add(workerProcess);
            ServiceProcess deployerProcess =
                    started(
                            ServiceProcess.start(
                                    "deployer-worker",
                                    deployer,
                                    deployerProperties(
                                            temporalTarget,
                                            "http://127.0.0.1:" + apiServer.getPort(),
                                            docker.host()),
                                    Map.of(
                                            "MCPDEPLOY_TEMPORAL_PAYLOAD_KEY_K1",
                                            payloadKey,
                                            // Unused by file:// clones; set as in production.
                                            "MCPDEPLOY_SOURCE_GIT_SERVER_TOKEN",
                                            "it-read-token"),
                                    logs));
            SERVICES.add(deployerProcess);
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(
                                    () -> workerProcess.awaitStarted(SERVICE_START)),
                            CompletableFuture.runAsync(
                                    () -> deployerProcess.awaitStarted(SERVICE_START)))
                    .join();

            WorkflowServiceStubs stubs =
                    WorkflowServiceStubs.newServiceStubs(
                            WorkflowServiceStubsOptions.newBuilder()
                                    .setTarget(temporalTarget)
                                    .build());
            STARTED.push(stubs::shutdownNow);
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
        } catch (Throwable e) {
            printServiceLogs();
            stopEverything();
            throw e;
        }
    }

    @AfterAll
    static void stopEverything() {
        while (!STARTED.isEmpty()) {
            try {
                STARTED.pop().close();
            } catch (Exception e) {
                System.err.println("stopping a test resource failed: " + e);
            }
        }
        SERVICES.clear();
    }

    @Test
    void
            aPushBuildsPushesAndAppliesTheImageAndTheDeploymentBecomesActiveOnceTheTestMarksItAvailable()
                    throws Exception {
        Fixture fixture = Fixture.create("shop");
        String sha = fixture.repository.commitAndPush("first version");

        PushOutcome outcome = push(fixture, sha);

        assertThat(outcome.deploymentIds()).hasSize(1);
        UUID deploymentId = UUID.fromString(outcome.deploymentIds().get(0));
        awaitActive(deploymentId);

        String image = registry.host() + "/" + fixture.ref.namespace() + "/web:" + sha;
        assertThat(single("SELECT image_ref FROM deployments WHERE id = ?", deploymentId))
                .isEqualTo(image);
        // The status path queued -> building -> deploying -> active, as the events tell it: the
        // record appends "queued", each status change its step's "started" event (active:
        // "succeeded"). Clone and push happen inside the build step's one activity.
        assertThat(
                        column(
                                "SELECT step || ':' || status FROM deployment_events"
                                        + " WHERE deployment_id = ? ORDER BY id",
                                deploymentId))
                .containsSubsequence(
                        "queued:info",
                        "build:started",
                        "build:succeeded",
                        "deploy:started",
                        "deploy:succeeded",
                        "rollout:started",
                        "rollout:succeeded",
                        "active:succeeded");
        assertThat(
                        Integer.parseInt(
                                single(
                                        "SELECT count(*) FROM build_log_lines WHERE deployment_id = ?",
                                        deploymentId)))
                .isPositive();
        assertThat(manifestStatus(fixture.ref.namespace() + "/web", sha)).isEqualTo(200);

        String namespace = fixture.ref.namespace();
        assertThat(kubernetes.namespaces().withName(namespace).get()).isNotNull();
        assertThat(
                        kubernetes
                                .network()
                                .v1()
                                .networkPolicies()
                                .inNamespace(namespace)
                                .list()
                                .getItems())
                .extracting(policy -> policy.getMetadata().getName())
                .containsExactlyInAnyOrder("dp-ingress", "dp-egress");
        assertThat(kubernetes.secrets().inNamespace(namespace).withName("web-env").get())
                .isNotNull();
        Deployment deployment =
                kubernetes.apps().deployments().inNamespace(namespace).withName("web").get();
        assertThat(deployment).isNotNull();
        assertThat(deployment.getSpec().getTemplate().getSpec().getRuntimeClassName())
                .isEqualTo("gvisor");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
                .extracting(container -> container.getImage())
                .containsExactly(image);
        assertThat(kubernetes.services().inNamespace(namespace).withName("web").get()).isNotNull();
        assertThat(
                        kubernetes
                                .network()
                                .v1()
                                .ingresses()
                                .inNamespace(namespace)
                                .withName("web")
                                .get())
                .isNotNull();
    }

    @Test
    void tenPushesInQuickSuccessionEndWithExactlyOneActiveDeploymentOfTheNewestCommit()
            throws Exception {
        Fixture fixture = Fixture.create("burst");
        List<String> shas = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            fixture.repository.write("version.txt", "version " + i + "\n");
            String sha = fixture.repository.commitAndPush("version " + i);
            shas.add(sha);
            // The push workflow returns once its deployment is recorded and started: the ten
            // deployments overlap, and each new one cancels the one before.
            assertThat(push(fixture, sha).deploymentIds()).hasSize(1);
        }
        String newest = shas.get(shas.size() - 1);

        await("the newest commit's deployment is active and no deployment is in flight")
                .atMost(DEPLOY_DEADLINE)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> deploymentsOf(fixture.serviceId),
                        rows ->
                                rows.stream()
                                                .noneMatch(
                                                        row ->
                                                                Set.of(
                                                                                "queued",
                                                                                "building",
                                                                                "deploying")
                                                                        .contains(row.status()))
                                        && rows.stream()
                                                .anyMatch(row -> row.commit().equals(newest)));

        List<DeploymentRow> rows = deploymentsOf(fixture.serviceId);
        // How the ten ended (how many were cancelled mid-way depends on timing): for the CI log.
        rows.forEach(row -> System.out.println("push deployment " + row));
        assertThat(rows).extracting(DeploymentRow::commit).containsExactlyElementsOf(shas);
        assertThat(rows)
                .filteredOn(row -> row.status().equals("active"))
                .extracting(DeploymentRow::commit)
                .containsExactly(newest);
        assertThat(rows)
                .filteredOn(row -> !row.commit().equals(newest))
                .allSatisfy(
                        row ->
                                assertThat(row.status())
                                        .as("deployment of %s (%s)", row.commit(), row.error())
                                        .isIn("cancelled", "superseded"));
        Deployment deployment =
                kubernetes
                        .apps()
                        .deployments()
                        .inNamespace(fixture.ref.namespace())
                        .withName("web")
                        .get();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .endsWith(":" + newest);
    }

    /** A project with an internal repository (its first commit holds the app) and a service. */
    private record Fixture(ServiceRef ref, UUID serviceId, UUID repoId, BareRepository repository) {
        static Fixture create(String project) throws SQLException {
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
            BareRepository repository = BareRepository.create(gitRoot, repoName);
            STARTED.push(repository);
            repository.write("Dockerfile", DOCKERFILE).write("busybox", busybox, true);
            return new Fixture(ref, serviceId, repoId, repository);
        }
    }

    private record DeploymentRow(String id, String commit, String status, String error) {}

    /** Runs the push workflow as the git-server's post-receive hook would, to its end. */
    private static PushOutcome push(Fixture fixture, String sha) {
        DeliveryId delivery = DeliveryId.of("it-" + UUID.randomUUID());
        GitPushWorkflow workflow =
                workflows.newWorkflowStub(
                        GitPushWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.gitPush(PushSource.GIT_SERVER, delivery))
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                                .build());
        return workflow.handle(
                new PushEvent(
                        PushSource.GIT_SERVER.value(),
                        delivery.value(),
                        fixture.repoId.toString(),
                        BareRepository.BRANCH,
                        sha));
    }

    private static void awaitActive(UUID deploymentId) {
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
    }

    private static DeploymentRow deployment(UUID id) throws SQLException {
        return deploymentRows("WHERE id = ?", id).get(0);
    }

    private static List<DeploymentRow> deploymentsOf(UUID serviceId) throws SQLException {
        return deploymentRows("WHERE service_id = ? ORDER BY created_at, id", serviceId);
    }

    private static List<DeploymentRow> deploymentRows(String where, Object parameter)
            throws SQLException {
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

    private static List<String> column(String sql, Object... parameters) throws SQLException {
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

    private static String single(String sql, Object... parameters) throws SQLException {
        List<String> values = column(sql, parameters);
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    private static void sql(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** HEAD of the image manifest in the registry, as a pull would start. */
    private static int manifestStatus(String repository, String tag) throws Exception {
        HttpResponse<Void> response =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://"
                                                                + registry.host()
                                                                + "/v2/"
                                                                + repository
                                                                + "/manifests/"
                                                                + tag))
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

    private static Map<String, String> workerProperties(String temporalTarget) {
        Map<String, String> properties = new LinkedHashMap<>(common(temporalTarget));
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        properties.put("mcpdeploy.deploy.registry", registry.host());
        return properties;
    }

    private static Map<String, String> deployerProperties(
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
        properties.put("mcpdeploy.registry.host", registry.host());
        properties.put("mcpdeploy.source.git-server.url", gitRoot.toUri().toString());
        properties.put("mcpdeploy.cluster.region", REGION);
        properties.put("quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
        return properties;
    }

    private static Map<String, String> common(String temporalTarget) {
        return Map.of(
                "quarkus.temporal.connection.target", temporalTarget, "quarkus.http.port", "0");
    }

    private static void printServiceLogs() {
        for (ServiceProcess service : SERVICES) {
            System.err.println(
                    "===== "
                            + service.name()
                            + (service.isAlive() ? "" : " (exited)")
                            + " log tail =====\n"
                            + service.tail(20_000));
        }
    }

    private static <T extends AutoCloseable> T started(T resource) {
        STARTED.push(resource);
        return resource;
    }

    private static Path cleanDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(
                                path -> {
                                    try {
                                        Files.delete(path);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                });
            }
        }
        return Files.createDirectories(directory);
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
