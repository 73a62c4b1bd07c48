package ink.ml.deploy.worker.delete;

import static ink.ml.deploy.domain.DeploymentStatus.BUILDING;
import static ink.ml.deploy.domain.DeploymentStatus.CANCELLED;
import static ink.ml.deploy.domain.DeploymentStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.worker.deploy.DeployPlans;
import ink.ml.deploy.worker.deploy.DeployWorkflowEnvironment;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.delete.DeleteServiceRequest;
import ink.ml.deploy.workflow.delete.DeleteServiceWorkflow;
import ink.ml.deploy.workflow.delete.DeletionTarget;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeployOutcome;
import ink.ml.deploy.workflow.deploy.DeployRequest;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delete workflow with time skipping, against test doubles of both sides. */
class DeleteServiceWorkflowImplTest {
    private final String serviceId = DeployPlans.newId();
    private final String deploymentId = DeployPlans.newId();
    private final DeletionTarget target =
            new DeletionTarget(serviceId, "u7k2m9", "shop", "web", DeployPlans.REGION, true);
    private DeployWorkflowEnvironment temporal;

    @AfterEach
    void closeTemporal() {
        temporal.close();
    }

    @Test
    void deleteDuringDeployCancelsTheBuildBeforeRemovingTheWorkload() throws InterruptedException {
        temporal = new DeployWorkflowEnvironment();
        InMemoryServiceDeletions deletions =
                new InMemoryServiceDeletions()
                        .over(temporal.client, temporal.records, target)
                        .withInFlight(deploymentId);
        temporal.worker.registerWorkflowImplementationTypes(DeleteServiceWorkflowImpl.class);
        temporal.worker.registerActivitiesImplementations(deletions);
        temporal.build.runningUntilCancelled();
        temporal.start();
        temporal.records.add(DeployPlans.build(deploymentId, serviceId));
        DeployServiceWorkflow deploy = temporal.deployWorkflow(deploymentId);
        WorkflowClient.start(deploy::deploy, new DeployRequest(deploymentId));
        temporal.build.awaitStarted();

        deleteWorkflow().delete(new DeleteServiceRequest(serviceId));

        assertThat(deletions.happened())
                .containsExactly(
                        "service retired", "deployment cancelled", "live deployment removed");
        assertThat(temporal.build.stoppedByCancellation()).isTrue();
        assertThat(temporal.records.statusPath(deploymentId))
                .containsExactly(QUEUED, BUILDING, CANCELLED);
        assertThat(temporal.workload.applied()).isEmpty();
        assertThat(temporal.workload.deleted())
                .containsExactly(new DeleteWorkloadRequest("u7k2m9", "shop", "web", true));
        assertThatThrownBy(() -> WorkflowStub.fromTyped(deploy).getResult(DeployOutcome.class))
                .isInstanceOf(WorkflowFailedException.class)
                .hasCauseInstanceOf(CanceledFailure.class);
    }

    @Test
    void deleteWithNothingInFlightRemovesTheWorkload() {
        temporal = new DeployWorkflowEnvironment();
        InMemoryServiceDeletions deletions =
                new InMemoryServiceDeletions().over(temporal.client, temporal.records, target);
        temporal.worker.registerWorkflowImplementationTypes(DeleteServiceWorkflowImpl.class);
        temporal.worker.registerActivitiesImplementations(deletions);
        temporal.start();

        deleteWorkflow().delete(new DeleteServiceRequest(serviceId));

        assertThat(deletions.happened())
                .isEqualTo(List.of("service retired", "live deployment removed"));
        assertThat(temporal.workload.deleted()).hasSize(1);
    }

    private DeleteServiceWorkflow deleteWorkflow() {
        return temporal.client.newWorkflowStub(
                DeleteServiceWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(WorkflowIds.deleteService(UUID.fromString(serviceId)))
                        .build());
    }
}
