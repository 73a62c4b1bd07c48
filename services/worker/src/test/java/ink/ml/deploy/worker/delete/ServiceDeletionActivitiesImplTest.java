package ink.ml.deploy.worker.delete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.worker.ProductPlaneFixtures;
import ink.ml.deploy.worker.deploy.DeployPlans;
import ink.ml.deploy.worker.deploy.ScriptedWorkloadActivities;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.delete.DeleteServiceRequest;
import ink.ml.deploy.workflow.delete.DeleteServiceWorkflow;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting a live service through the real worker and database; the cluster's side is a scripted
 * test double polling {@code deployer-eu-central-1} through the same (encrypting) client.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class ServiceDeletionActivitiesImplTest {
    @Inject WorkflowClient client;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject Services services;
    @Inject ProductPlaneFixtures fixtures;
    @Inject CustomDomains domains;

    private final ScriptedWorkloadActivities cluster = new ScriptedWorkloadActivities();
    private WorkerFactory deployer;

    @BeforeEach
    void startScriptedDeployer() {
        deployer = WorkerFactory.newInstance(client);
        deployer.newWorker(DeployPlans.DEPLOYER_QUEUE).registerActivitiesImplementations(cluster);
        deployer.start();
    }

    /**
     * Graceful, and waited for: a poll left open by {@code shutdownNow} can take a task of the next
     * test class's deployments (same queue) and lose it in the test server.
     */
    @AfterEach
    void stopScriptedDeployer() throws InterruptedException {
        deployer.shutdown();
        deployer.awaitTermination(90, TimeUnit.SECONDS);
    }

    @Test
    void deletingALiveServiceRemovesItsWorkloadAndMarksItsDeploymentRemoved() {
        Caller caller = fixtures.newUser();
        UUID serviceId =
                fixtures.githubService(
                        caller, "web", fixtures.uniqueRepository(), "main", Map.of("K", "v"));
        UUID live = activeDeployment(caller, serviceId);

        deleteWorkflow(serviceId).delete(new DeleteServiceRequest(serviceId.toString()));

        assertThat(records.statusOf(live)).isEqualTo(DeploymentStatus.REMOVED);
        assertThatThrownBy(() -> services.get(caller, serviceId.toString()))
                .isInstanceOf(NotFoundException.class);
        assertThat(cluster.deleted())
                .singleElement()
                .isEqualTo(
                        new DeleteWorkloadRequest(
                                caller.id(),
                                records.snapshotFor(live).service().project().value(),
                                "web",
                                true));
    }

    @Test
    void deletingAServiceReleasesItsCustomDomains() {
        Caller caller = fixtures.newUser();
        UUID serviceId =
                fixtures.githubService(
                        caller, "web", fixtures.uniqueRepository(), "main", Map.of());
        String domainId =
                domains.add(caller, serviceId.toString(), "app-" + serviceId + ".example.com").id();

        deleteWorkflow(serviceId).delete(new DeleteServiceRequest(serviceId.toString()));

        assertThatThrownBy(() -> domains.get(caller, domainId))
                .isInstanceOf(NotFoundException.class);
    }

    private UUID activeDeployment(Caller caller, UUID serviceId) {
        var sha = fixtures.randomSha();
        UUID id =
                UUID.fromString(deployments.record(caller, NewDeployment.api(serviceId, sha)).id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.setImage(
                id,
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"), records.snapshotFor(id).service(), sha));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        records.transition(id, DeploymentStatus.ACTIVE, Optional.empty(), Optional.empty());
        return id;
    }

    private DeleteServiceWorkflow deleteWorkflow(UUID serviceId) {
        return client.newWorkflowStub(
                DeleteServiceWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(WorkflowIds.deleteService(serviceId))
                        .setWorkflowExecutionTimeout(Duration.ofSeconds(60))
                        .build());
    }
}
