package ink.ml.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.it.SpineEnvironment.DeploymentRow;
import ink.ml.deploy.it.SpineEnvironment.Fixture;
import ink.ml.deploy.it.SpineEnvironment.StartedPush;
import ink.ml.deploy.testing.MockDeploymentController;
import ink.ml.deploy.testing.ServiceLogsOnFailure;
import ink.ml.deploy.workflow.push.PushOutcome;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployment spine end to end, with both services run from their packaged jars as separate
 * processes, as in production: the worker's workflows and database activities on queue {@code
 * default}, the deployer-worker's clone, build, push and apply activities on {@code
 * deployer-eu-central-1}.
 *
 * <p>Real parts ({@link SpineEnvironment}): the Temporal test server over gRPC on a local port, an
 * embedded PostgreSQL (migrated by the worker's Flyway), a bare git repository on disk (the
 * deployer's internal git-server URL is {@code file://} its directory), Debian's {@code
 * docker-registry} on 127.0.0.1 and the Docker engine from Debian's {@code docker.io} building a
 * {@code FROM scratch} image with Debian's static busybox. Kubernetes is the fabric8 mock API
 * server in CRUD mode, which runs no controllers and cannot do server-side apply: the deployer uses
 * its create-or-update applier, and the test marks the Deployment available ({@link
 * MockDeploymentController}); nothing runs the image.
 *
 * <p>Where Docker, the registry or busybox is not installed, the tests are skipped with a message
 * saying which (failed with {@code CI=true}); {@code ./run-tests} installs them.
 */
class DeploymentSpineIT {
    private static SpineEnvironment spine;
    private static KubernetesClient kubernetes;

    /** A failed test shows what the services said. */
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
        spine = SpineEnvironment.start("it");
        kubernetes = spine.kubernetes();
    }

    @AfterAll
    static void stopEverything() {
        if (spine != null) {
            spine.close();
        }
    }

    @Test
    void
            aPushBuildsPushesAndAppliesTheImageAndTheDeploymentBecomesActiveOnceTheTestMarksItAvailable()
                    throws Exception {
        Fixture fixture = spine.fixture("shop");
        String sha = fixture.repository().commitAndPush("first version");

        PushOutcome outcome = spine.push(fixture, sha);

        assertThat(outcome.deploymentIds()).hasSize(1);
        UUID deploymentId = UUID.fromString(outcome.deploymentIds().get(0));
        spine.awaitActive(deploymentId);

        ImageRef image = imageOf(fixture, sha);
        assertThat(spine.single("SELECT image_ref FROM deployments WHERE id = ?", deploymentId))
                .isEqualTo(image.reference());
        // The status path queued -> building -> deploying -> active, as the events tell it: the
        // record appends "queued", each status change its step's "started" event (active:
        // "succeeded"). Clone and push happen inside the build step's one activity.
        assertThat(
                        spine.column(
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
                                spine.single(
                                        "SELECT count(*) FROM build_log_lines WHERE deployment_id = ?",
                                        deploymentId)))
                .isPositive();
        assertThat(spine.manifestStatus(fixture.ref().namespace() + "/web", image.tag()))
                .isEqualTo(200);

        String namespace = fixture.ref().namespace();
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
                .containsExactly(image.reference());
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
        Fixture fixture = spine.fixture("burst");
        List<String> shas = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            fixture.repository().write("version.txt", "version " + i + "\n");
            String sha = fixture.repository().commitAndPush("version " + i);
            shas.add(sha);
            // The push workflow returns once its deployment is recorded and started: the ten
            // deployments overlap, and each new one cancels the one before.
            assertThat(spine.push(fixture, sha).deploymentIds()).hasSize(1);
        }
        String newest = shas.get(shas.size() - 1);

        // Waits until the newest commit's deployment is recorded and none is in flight.
        List<DeploymentRow> rows =
                spine.awaitSettled(
                        fixture.serviceId(),
                        settled -> settled.stream().anyMatch(row -> row.commit().equals(newest)));
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
                        .inNamespace(fixture.ref().namespace())
                        .withName("web")
                        .get();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .endsWith(":" + imageOf(fixture, newest).tag());
    }

    @Test
    void pushesThatAllPassedTheirHeadCheckEndWithTheNewestCommitActiveWhateverOrderTheyRecordIn()
            throws Exception {
        Fixture fixture = spine.fixture("race");
        List<String> shas = new ArrayList<>();
        List<StartedPush> pushes = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            fixture.repository().write("version.txt", "race " + i + "\n");
            shas.add(fixture.repository().commitAndPush("race " + i));
            StartedPush push = spine.startPush(fixture, shas.get(i - 1));
            pushes.add(push);
            // The next commit lands only once this push has seen its own commit as the head: every
            // push passes the check, and their deployments are recorded in whatever order the
            // latest-wins starts (each waiting for the in-flight deployment to stop) finish in.
            spine.awaitBranchHeadRead(push);
        }
        String newest = shas.get(shas.size() - 1);
        for (StartedPush push : pushes) {
            var outcome = push.outcome().get(2, TimeUnit.MINUTES);
            System.out.println("racing push " + outcome);
            // Every push passed its head check, so every one recorded its deployment (and another,
            // when it read the head again afterwards and found that the branch had moved on).
            assertThat(outcome.deploymentIds()).as("push %s", push.workflowId()).isNotEmpty();
        }

        List<DeploymentRow> rows =
                spine.awaitSettled(
                        fixture.serviceId(),
                        settled -> settled.stream().anyMatch(row -> row.commit().equals(newest)));
        rows.forEach(row -> System.out.println("racing push deployment " + row));
        assertThat(rows).extracting(DeploymentRow::commit).containsAll(shas);
        assertThat(rows)
                .filteredOn(row -> row.status().equals("active"))
                .extracting(DeploymentRow::commit)
                .containsExactly(newest);
        assertThat(rows)
                .filteredOn(row -> !row.status().equals("active"))
                .allSatisfy(
                        row ->
                                assertThat(row.status())
                                        .as("deployment of %s (%s)", row.commit(), row.error())
                                        .isIn("cancelled", "superseded"));
        assertThat(
                        kubernetes
                                .apps()
                                .deployments()
                                .inNamespace(fixture.ref().namespace())
                                .withName("web")
                                .get()
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage())
                .endsWith(":" + imageOf(fixture, newest).tag());
    }

    /** The fixture's service has the defaults: auto, the repository root, its Dockerfile. */
    private ImageRef imageOf(Fixture fixture, String sha) {
        return ImageRef.of(
                RegistryHost.of(spine.registry().host()),
                fixture.ref(),
                GitSha.of(sha),
                BuildSettings.of("auto", "", "Dockerfile", null, null, null));
    }
}
