package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.UUID;

/**
 * An in-memory Temporal with time skipping, served as in production: the worker's workflows and
 * product-plane activities on {@code default} (here the in-memory records), the cluster's
 * activities on {@code deployer-eu-central-1} (here scripted test doubles).
 */
public final class DeployWorkflowEnvironment implements AutoCloseable {
    public final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    public final WorkflowClient client = env.getWorkflowClient();
    public final Worker worker = env.newWorker(TaskQueues.DEFAULT);
    public final InMemoryDeploymentRecords records = new InMemoryDeploymentRecords();
    public final ScriptedBuildActivities build =
            new ScriptedBuildActivities().signallingThrough(client);
    public final ScriptedWorkloadActivities workload = new ScriptedWorkloadActivities();

    public DeployWorkflowEnvironment() {
        worker.registerWorkflowImplementationTypes(DeployServiceWorkflowImpl.class);
        worker.registerActivitiesImplementations(records);
        // Heartbeats reach the server at once, so a cancellation reaches the build at once.
        Worker deployer =
                env.newWorker(
                        DeployPlans.DEPLOYER_QUEUE,
                        WorkerOptions.newBuilder()
                                .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(10))
                                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(10))
                                .build());
        deployer.registerActivitiesImplementations(build, workload);
    }

    /** Starts the workers; register any other workflow or activity before. */
    public DeployWorkflowEnvironment start() {
        env.start();
        return this;
    }

    /** A stub for the deployment's workflow, with its production id, on {@code default}. */
    public DeployServiceWorkflow deployWorkflow(String deploymentId) {
        return client.newWorkflowStub(
                DeployServiceWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId(WorkflowIds.deploy(UUID.fromString(deploymentId)))
                        .build());
    }

    @Override
    public void close() {
        env.close();
    }
}
