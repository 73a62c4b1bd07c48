package ink.ml.deploy.worker.delete;

import ink.ml.deploy.worker.WorkflowTestDoubles;
import ink.ml.deploy.worker.deploy.InMemoryDeploymentRecords;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.delete.CancelInFlightRequest;
import ink.ml.deploy.workflow.delete.CancelInFlightResult;
import ink.ml.deploy.workflow.delete.DeletionTarget;
import ink.ml.deploy.workflow.delete.MarkWorkloadRemovedRequest;
import ink.ml.deploy.workflow.delete.RetireServiceRequest;
import ink.ml.deploy.workflow.delete.ServiceDeletionActivities;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Test double of the delete workflow's product-plane side, over {@link InMemoryDeploymentRecords}:
 * cancels the in-flight deploy workflow through the Temporal client and waits until the records
 * show it stopped, like {@code InFlightDeployments} does over the database. Keeps the order of what
 * happened.
 */
@TemporalActivity(workers = WorkflowTestDoubles.WORKER)
public class InMemoryServiceDeletions implements ServiceDeletionActivities {
    private final List<String> happened = Collections.synchronizedList(new ArrayList<>());
    private volatile WorkflowClient client;
    private volatile InMemoryDeploymentRecords records;
    private volatile DeletionTarget target;
    private volatile String inFlightDeploymentId;

    public InMemoryServiceDeletions over(
            WorkflowClient client, InMemoryDeploymentRecords records, DeletionTarget target) {
        this.client = client;
        this.records = records;
        this.target = target;
        return this;
    }

    public InMemoryServiceDeletions withInFlight(String deploymentId) {
        this.inFlightDeploymentId = deploymentId;
        return this;
    }

    @Override
    public DeletionTarget retireService(RetireServiceRequest request) {
        happened.add("service retired");
        return target;
    }

    @Override
    public CancelInFlightResult cancelInFlightDeployment(CancelInFlightRequest request) {
        String deploymentId = inFlightDeploymentId;
        if (deploymentId == null || !records.status(deploymentId).isInFlight()) {
            return new CancelInFlightResult(null);
        }
        client.newUntypedWorkflowStub(WorkflowIds.deploy(UUID.fromString(deploymentId))).cancel();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (records.status(deploymentId).isInFlight()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("deployment still in flight");
            }
            Activity.getExecutionContext().heartbeat(null);
            pause();
        }
        happened.add("deployment " + records.status(deploymentId).value());
        return new CancelInFlightResult(deploymentId);
    }

    @Override
    public void markWorkloadRemoved(MarkWorkloadRemovedRequest request) {
        happened.add("live deployment removed");
    }

    /** What the activities did, in order. */
    public List<String> happened() {
        return List.copyOf(happened);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
