package ink.ml.deploy.workflow.deploy;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Owns one deployment from queued to active or failed (queue {@code default}, id {@code
 * deploy-{deploymentId}}): build on the cluster's deployer queue unless the deployment reuses an
 * image, apply the workload, wait for the rollout, record every step.
 */
@WorkflowInterface
public interface DeployServiceWorkflow {
    @WorkflowMethod
    DeployOutcome deploy(DeployRequest request);

    /**
     * Build output from the deployer-worker, in order, as it happens. The deployer has no database,
     * so it signals the workflow, which stores the lines through a product-plane activity.
     */
    @SignalMethod
    void buildOutput(BuildOutput output);
}
