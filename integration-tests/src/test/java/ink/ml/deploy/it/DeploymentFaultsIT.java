package ink.ml.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.it.SpineEnvironment.DeploymentRow;
import ink.ml.deploy.it.SpineEnvironment.Fixture;
import ink.ml.deploy.testing.RealParts;
import ink.ml.deploy.testing.ServiceLogsOnFailure;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user sees when a part of the platform fails in the middle of a deployment, one fault per
 * test, all on one {@link SpineEnvironment} (started once: the suite's time matters). Each test
 * prints what the fault cost: from the fault to the deployment's end, and from the part's return to
 * it.
 *
 * <p>Timeouts are the production ones. The deployer's build heartbeat times out after {@link
 * ink.ml.deploy.worker.deploy.DeployActivityOptions#HEARTBEAT} (30 s), which bounds the first test;
 * the worker's restart (a JVM start) bounds the second.
 *
 * <p>The API's side of a database outage (an {@code UNAVAILABLE} error, never SQL) is tested in the
 * graphql service ({@code DatabaseOutageTest}): this environment runs no front door.
 */
class DeploymentFaultsIT {
    /**
     * A build that lasts a few seconds whatever the cache holds: the commit's {@code version.txt}
     * is copied before the step that waits, and {@link #writeNewVersion} gives every commit content
     * no build has seen (the tests share one build engine and its cache), so every commit runs the
     * step again. Long enough to inject a fault while it runs.
     */
    static final String SLOW_DOCKERFILE =
            String.join(
                    "\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "COPY version.txt /version.txt",
                    "RUN [\"/bin/busybox\",\"sleep\",\"6\"]",
                    "EXPOSE 8080",
                    "CMD [\"/bin/busybox\",\"httpd\",\"-f\",\"-p\",\"8080\"]",
                    "");

    private static final Duration FAULT_DEADLINE = Duration.ofMinutes(3);

    /** How long the database stays away in the outage test. */
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(10);

    private static SpineEnvironment spine;

    @RegisterExtension
    static final ServiceLogsOnFailure PRINT_SERVICE_LOGS_ON_FAILURE =
            new ServiceLogsOnFailure(
                    () -> {
                        if (spine != null) {
                            spine.printServiceLogs();
                        }
                    });

    @BeforeAll
    static void startInfrastructureAndServices() throws Exception {
        spine = SpineEnvironment.start("faults");
    }

    @AfterAll
    static void stopEverything() {
        if (spine != null) {
            spine.close();
        }
    }

    @Test
    void aDeployerKilledMidBuildHasItsBuildRetriedOnRestartAndTheDeploymentEndsActiveWithOneImage()
            throws Exception {
        Fixture fixture = spine.fixture("crashbuild", SLOW_DOCKERFILE);
        writeNewVersion(fixture);
        String sha = fixture.repository().commitAndPush("first version");
        UUID deploymentId = onlyDeployment(spine.push(fixture, sha).deploymentIds());
        awaitBuildRunning(deploymentId);

        long fault = System.nanoTime();
        spine.service("deployer-worker").kill();
        assertThat(eventsOf(deploymentId))
                .as("the SIGKILL landed while the image built")
                .doesNotContain("build:succeeded");
        spine.restart("deployer-worker");
        long restarted = System.nanoTime();
        spine.awaitActive(deploymentId);
        report("deployer-worker SIGKILL mid-build", fault, restarted, "active");

        ImageRef image = imageOf(fixture, sha);
        assertThat(spine.single("SELECT image_ref FROM deployments WHERE id = ?", deploymentId))
                .isEqualTo(image.reference());
        // The retried build pushed the one image; the killed attempt never reached the push.
        assertThat(spine.registryTags(fixture.ref().namespace() + "/web"))
                .containsExactly(image.tag());
        assertThat(eventsOf(deploymentId))
                .containsSubsequence("build:started", "build:succeeded", "active:succeeded")
                .containsOnlyOnce("build:succeeded", "active:succeeded");
        assertThat(workload(fixture).getSpec().getTemplate().getSpec().getContainers())
                .extracting(container -> container.getImage())
                .containsExactly(image.reference());
        // The killed worker could not delete its checkout; the restarted one did, at its start.
        assertThat(checkoutsUnder(spine.checkouts())).as("checkouts left behind").isEmpty();
    }

    @Test
    void aWorkerKilledMidDeployResumesTheWorkflowAndNoEventIsWrittenTwice() throws Exception {
        Fixture fixture = spine.fixture("crashdeploy");
        String sha = fixture.repository().commitAndPush("first version");
        UUID deploymentId = onlyDeployment(spine.push(fixture, sha).deploymentIds());
        // The moment the workload is applied the workflow writes two events in a row and asks
        // for the rollout: killing the worker right then loses the workflow task that holds them,
        // and its replay runs those writes again.
        awaitEventStored(deploymentId, "deploy", "succeeded");

        long fault = System.nanoTime();
        spine.service("worker").kill();
        spine.restart("worker");
        long restarted = System.nanoTime();
        spine.awaitActive(deploymentId);
        report("worker SIGKILL mid-deploy", fault, restarted, "active");

        List<String> events =
                spine.column(
                        "SELECT step || ':' || status || ':' || message FROM deployment_events"
                                + " WHERE deployment_id = ? ORDER BY id",
                        deploymentId);
        events.forEach(event -> System.out.println("event after the worker's crash: " + event));
        assertThat(duplicates(events)).as("events written twice").isEmpty();
        assertThat(eventsOf(deploymentId))
                .containsSubsequence(
                        "queued:info",
                        "build:started",
                        "build:succeeded",
                        "deploy:started",
                        "deploy:succeeded",
                        "rollout:started",
                        "rollout:succeeded",
                        "active:succeeded");
    }

    @Test
    void aDatabaseStoppedForTenSecondsDuringADeployDelaysItsWritesAndTheDeploymentEndsActive()
            throws Exception {
        Fixture fixture = spine.fixture("dbdown", SLOW_DOCKERFILE);
        writeNewVersion(fixture);
        String sha = fixture.repository().commitAndPush("first version");
        UUID deploymentId = onlyDeployment(spine.push(fixture, sha).deploymentIds());
        awaitBuildRunning(deploymentId);

        // The build ends while the database is away: the image and every event after it wait.
        long fault = System.nanoTime();
        spine.stopPostgres();
        try {
            holdTheFaultFor(DATABASE_OUTAGE);
        } finally {
            spine.startPostgresAgain();
        }
        long back = System.nanoTime();
        spine.awaitActive(deploymentId);
        report("PostgreSQL stopped 10 s mid-deploy", fault, back, "active");

        assertThat(spine.single("SELECT image_ref FROM deployments WHERE id = ?", deploymentId))
                .isEqualTo(imageOf(fixture, sha).reference());
        List<String> events =
                spine.column(
                        "SELECT step || ':' || status || ':' || message FROM deployment_events"
                                + " WHERE deployment_id = ? ORDER BY id",
                        deploymentId);
        assertThat(duplicates(events)).as("events written twice").isEmpty();
        assertThat(eventsOf(deploymentId))
                .containsSubsequence(
                        "build:started",
                        "build:succeeded",
                        "deploy:started",
                        "rollout:succeeded",
                        "active:succeeded");
        // The build output delivered during the outage was stored once it was back, in order.
        List<String> lineNumbers =
                spine.column(
                        "SELECT line_no FROM build_log_lines WHERE deployment_id = ?"
                                + " ORDER BY line_no",
                        deploymentId);
        assertThat(lineNumbers).isNotEmpty();
        assertThat(Integer.parseInt(lineNumbers.get(lineNumbers.size() - 1)))
                .isEqualTo(lineNumbers.size());
    }

    @Test
    void aRegistryDownDuringThePushFailsTheDeploymentWithItsReasonAndTheLiveVersionKeepsServing()
            throws Exception {
        Fixture fixture = spine.fixture("regdown", SLOW_DOCKERFILE);
        writeNewVersion(fixture);
        String liveSha = fixture.repository().commitAndPush("live version");
        UUID live = onlyDeployment(spine.push(fixture, liveSha).deploymentIds());
        spine.awaitActive(live);
        Deployment workloadBefore = workload(fixture);

        writeNewVersion(fixture);
        String sha = fixture.repository().commitAndPush("next version");
        UUID next = onlyDeployment(spine.push(fixture, sha).deploymentIds());
        // The registry has been asked whether it holds the image: it goes away while the image
        // builds, and is gone when the build pushes.
        awaitBuildRunning(next);
        long fault = System.nanoTime();
        spine.registry().stop();
        DeploymentRow failed;
        try {
            failed = awaitEnded(next);
        } finally {
            spine.registry().restart();
        }
        report("registry down during push", fault, System.nanoTime(), failed.status());

        System.out.println("registry down: the user reads " + failed.error());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error())
                .startsWith("push: ")
                .contains(spine.registry().host())
                .containsIgnoringCase("registry")
                .doesNotContain("Exception");
        assertThat(spine.deployment(live).status()).isEqualTo("active");
        Deployment workloadAfter = workload(fixture);
        assertThat(workloadAfter.getMetadata().getResourceVersion())
                .as("the live workload was not touched")
                .isEqualTo(workloadBefore.getMetadata().getResourceVersion());
        assertThat(workloadAfter.getSpec().getTemplate().getSpec().getContainers())
                .extracting(container -> container.getImage())
                .containsExactly(imageOf(fixture, liveSha).reference());
    }

    @Test
    void aFullDiskInTheBuildDirectoryFailsTheDeploymentWithItsReasonAndLeavesNoCheckoutBehind()
            throws Exception {
        Fixture fixture = spine.fixture("diskfull");
        String sha = fixture.repository().commitAndPush("first version");
        Path checkouts = spine.checkouts();
        // Room for git's own files, not for the commit's two megabytes of busybox.
        mountSmallTmpfs(checkouts, "512k");
        DeploymentRow failed;
        long fault = System.nanoTime();
        try {
            UUID deploymentId = onlyDeployment(spine.push(fixture, sha).deploymentIds());
            failed = awaitEnded(deploymentId);
            report("disk full in the build directory", fault, System.nanoTime(), failed.status());
            assertThat(checkoutsUnder(checkouts)).as("checkouts left on the full disk").isEmpty();
        } finally {
            unmount(checkouts);
        }

        System.out.println("disk full: the user reads " + failed.error());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error()).startsWith("clone: ").containsIgnoringCase("disk");
    }

    /** The checkout directories ({@code checkout-*}) anywhere under {@code directory}. */
    private static List<Path> checkoutsUnder(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(path -> path.getFileName().toString().startsWith("checkout-"))
                    .toList();
        }
    }

    /**
     * Content for {@code version.txt} that no earlier build had: with the same content, a build of
     * {@link #SLOW_DOCKERFILE} that another test ran is in the cache and takes half a second, and a
     * fault meant for the build lands on a later step.
     */
    private static void writeNewVersion(Fixture fixture) {
        fixture.repository().write("version.txt", "version " + UUID.randomUUID() + "\n");
    }

    private static UUID onlyDeployment(List<String> ids) {
        assertThat(ids).hasSize(1);
        return UUID.fromString(ids.get(0));
    }

    /** Waits until the image build runs: the deployer has announced it in the build output. */
    private static void awaitBuildRunning(UUID deploymentId) {
        await("the image build of " + deploymentId + " runs")
                .atMost(FAULT_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                spine.column(
                                        "SELECT line FROM build_log_lines WHERE deployment_id = ?"
                                                + " AND line LIKE '==> Building %'",
                                        deploymentId),
                        lines -> !lines.isEmpty());
    }

    /**
     * Waits, polling often on one connection, until the deployment has an event of that step and
     * status: the fault then lands within milliseconds of the write.
     */
    private static void awaitEventStored(UUID deploymentId, String step, String status)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(spine.jdbcUrl(), "postgres", "");
                PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT 1 FROM deployment_events WHERE deployment_id = ?"
                                        + " AND step = ? AND status = ?")) {
            query.setObject(1, deploymentId);
            query.setString(2, step);
            query.setString(3, status);
            await(step + ":" + status + " of " + deploymentId + " is stored")
                    .atMost(FAULT_DEADLINE)
                    .pollInterval(Duration.ofMillis(2))
                    .until(
                            () -> {
                                try (ResultSet result = query.executeQuery()) {
                                    return result.next();
                                }
                            });
        }
    }

    /** Waits until the deployment has ended, whichever way. */
    private static DeploymentRow awaitEnded(UUID deploymentId) {
        return await("deployment " + deploymentId + " has ended")
                .atMost(FAULT_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> spine.deployment(deploymentId),
                        row -> !Set.of("queued", "building", "deploying").contains(row.status()));
    }

    /** The fault's length itself, not a wait for something to happen. */
    private static void holdTheFaultFor(Duration length) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(length.toMillis());
    }

    private static List<String> eventsOf(UUID deploymentId) throws Exception {
        return spine.column(
                "SELECT step || ':' || status FROM deployment_events WHERE deployment_id = ?"
                        + " ORDER BY id",
                deploymentId);
    }

    private static Map<String, Long> duplicates(List<String> events) {
        return events.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet()
                .stream()
                .filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Deployment workload(Fixture fixture) {
        return spine.kubernetes()
                .apps()
                .deployments()
                .inNamespace(fixture.ref().namespace())
                .withName("web")
                .get();
    }

    /**
     * What the fault cost, for the CI log and the note: from the fault to the deployment's
     * end, and from the part's return (a restart, the database back) to it.
     */
    private static void report(String fault, long faultAt, long backAt, String ended) {
        long now = System.nanoTime();
        System.out.printf(
                "FAULT %s: ended %s %d ms after the fault, %d ms after the part was back%n",
                fault,
                ended,
                TimeUnit.NANOSECONDS.toMillis(now - faultAt),
                TimeUnit.NANOSECONDS.toMillis(now - backAt));
    }

    private static void mountSmallTmpfs(Path directory, String size) throws Exception {
        RealParts.require(
                "root".equals(System.getProperty("user.name")),
                () -> "mounting a small tmpfs over the build directory needs root");
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString());
    }

    private static void unmount(Path directory) throws Exception {
        run("umount", directory.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The fixture's service has the defaults: auto, the repository root, its Dockerfile. */
    private static ImageRef imageOf(Fixture fixture, String sha) {
        return ImageRef.of(
                RegistryHost.of(spine.registry().host()),
                fixture.ref(),
                GitSha.of(sha),
                BuildSettings.of("auto", "", "Dockerfile", null, null, null));
    }
}
