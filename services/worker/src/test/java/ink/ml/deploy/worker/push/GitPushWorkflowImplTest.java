package ink.ml.deploy.worker.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push workflow with time skipping, against a recording test double of its activities. */
class GitPushWorkflowImplTest {
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

    private final RecordingPushActivities push =
            new RecordingPushActivities()
                    .tracking("github", "octo/shop", "main", "service-a", "service-b")
                    .tracking("github", "octo/shop", "staging", "service-c");
    private TestWorkflowEnvironment env;

    @BeforeEach
    void startTemporal() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(GitPushWorkflowImpl.class);
        worker.registerActivitiesImplementations(push);
        env.start();
    }

    @AfterEach
    void stopTemporal() {
        env.close();
    }

    @Test
    void pushStartsOneDeploymentOnEachServiceTrackingTheBranch() {
        PushEvent event = new PushEvent("github", "d-1", "octo/shop", "main", SHA);

        PushOutcome outcome = pushWorkflow("d-1").handle(event);

        assertThat(outcome.deploymentIds())
                .containsExactly("deployment-of-service-a", "deployment-of-service-b");
        assertThat(push.starts())
                .containsExactlyInAnyOrder(
                        new StartDeploymentRequest("service-a", SHA, "d-1"),
                        new StartDeploymentRequest("service-b", SHA, "d-1"));
    }

    @Test
    void redeliveredPushFindsItsWorkflowAndStartsNothingMore() {
        PushEvent event = new PushEvent("github", "d-2", "octo/shop", "main", SHA);
        pushWorkflow("d-2").handle(event);

        GitPushWorkflow redelivery = pushWorkflow("d-2");

        assertThatThrownBy(() -> WorkflowClient.start(redelivery::handle, event))
                .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        assertThat(push.starts()).hasSize(2);
    }

    @Test
    void pushToABranchNobodyTracksDeploysNothing() {
        PushOutcome outcome =
                pushWorkflow("d-3")
                        .handle(new PushEvent("github", "d-3", "octo/shop", "feature-x", SHA));

        assertThat(outcome.deploymentIds()).isEmpty();
        assertThat(push.starts()).isEmpty();
    }

    /** As the webhook receivers start it: its id says which delivery; a duplicate is refused. */
    private GitPushWorkflow pushWorkflow(String delivery) {
        return env.getWorkflowClient()
                .newWorkflowStub(
                        GitPushWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowId(
                                        WorkflowIds.gitPush(
                                                PushSource.GITHUB, DeliveryId.of(delivery)))
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy
                                                .WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                                .build());
    }
}
