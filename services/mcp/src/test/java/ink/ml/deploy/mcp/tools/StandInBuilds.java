package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * Test double of the cluster's build: sends two lines of output to the deploy workflow by signal,
 * like the real one, and succeeds.
 */
@TemporalActivity(workers = StandInCluster.WORKER)
public class StandInBuilds implements BuildActivities {
    private volatile WorkflowClient client;

    StandInBuilds signallingThrough(WorkflowClient client) {
        this.client = client;
        return this;
    }

    @Override
    public BuildResult buildImage(BuildRequest request) {
        client.newWorkflowStub(DeployServiceWorkflow.class, request.workflowId())
                .buildOutput(
                        new BuildOutput(
                                1,
                                List.of(
                                        "#1 [internal] load build definition from Dockerfile",
                                        "#2 exporting to image done")));
        return new BuildResult(request.imageRef(), 8080, false);
    }
}
