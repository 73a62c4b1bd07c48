package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signals build output to the deploy workflow (the deployer has no database). Uses the workflow
 * client of quarkus-temporal, and so its data converter: the lines travel encrypted like every
 * other payload.
 */
@ApplicationScoped
public class WorkflowBuildOutputSink implements BuildOutputSink {
    private final WorkflowClient client;

    public WorkflowBuildOutputSink(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public void send(String workflowId, BuildOutput output) {
        client.newWorkflowStub(DeployServiceWorkflow.class, workflowId).buildOutput(output);
    }
}
