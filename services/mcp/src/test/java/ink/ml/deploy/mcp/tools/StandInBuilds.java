package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.workflow.deploy.BuildActivities;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.deploy.DeployServiceWorkflow;
import io.quarkiverse.temporal.TemporalActivity;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of the cluster's build: sends two lines of output to the deploy workflow by signal,
 * like the real one, and succeeds; a build of a held repository instead runs, heartbeating, until
 * it is cancelled.
 */
@TemporalActivity(workers = StandInCluster.WORKER)
public class StandInBuilds implements BuildActivities {
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile WorkflowClient client;

    /** Builds of {@code repository} from now on run until they are cancelled. */
    void hold(String repository) {
        held.add(repository);
    }

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
        if (isHeld(request.repository())) {
            runUntilCancelled();
        }
        return BuildResult.of(request.imageRef(), 8080, false);
    }

    /** Internal repositories reach the deployer as {@code {user}/{project}/{repo}}. */
    private boolean isHeld(String repository) {
        return held.stream()
                .anyMatch(name -> repository.equals(name) || repository.endsWith("/" + name));
    }

    private static void runUntilCancelled() {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Instant giveUp = Instant.now().plus(GIVE_UP);
        try {
            while (Instant.now().isBefore(giveUp)) {
                context.heartbeat(null);
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the held build was never cancelled");
    }
}
