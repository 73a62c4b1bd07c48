package ink.ml.deploy.worker.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ink.ml.deploy.control.StandInBranchHeads;
import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import ink.ml.deploy.workflow.push.SkippedService;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The push workflow with time skipping, against a recording test double of its activities and a
 * stand-in for the region's deployer, which answers the branch heads.
 */
class GitPushWorkflowImplTest {
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
    private static final String NEWER = "fedcba9876543210fedcba9876543210fedcba98";

    private final RecordingPushActivities push =
            new RecordingPushActivities()
                    .tracking("github", "octo/shop", "main", "service-a", "service-b")
                    .tracking("github", "octo/shop", "staging", "service-c");
    private final StandInBranchHeads heads = new StandInBranchHeads();
    private TestWorkflowEnvironment env;

    @BeforeEach
    void startTemporal() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(GitPushWorkflowImpl.class);
        worker.registerActivitiesImplementations(push);
        env.newWorker(TaskQueues.deployer(Region.of(RecordingPushActivities.REGION)))
                .registerActivitiesImplementations(heads);
        env.start();
    }

    @AfterEach
    void stopTemporal() {
        env.close();
    }

    @Test
    void pushOfTheBranchHeadStartsOneDeploymentOnEachServiceTrackingTheBranch() {
        heads.push("octo/shop", "main", SHA);
        PushEvent event = new PushEvent("github", "d-1", "octo/shop", "main", SHA);

        PushOutcome outcome = pushWorkflow("d-1").handle(event);

        assertThat(outcome.deploymentIds())
                .containsExactly("deployment-of-service-a", "deployment-of-service-b");
        assertThat(outcome.skipped()).isEmpty();
        assertThat(push.starts())
                .containsExactlyInAnyOrder(
                        new StartDeploymentRequest("service-a", SHA, "d-1"),
                        new StartDeploymentRequest("service-b", SHA, "d-1"));
    }

    @Test
    void olderPushArrivingAfterANewerOneIsSkippedSayingWhy() {
        heads.push("octo/shop", "main", NEWER);
        PushEvent late = new PushEvent("github", "d-old", "octo/shop", "main", SHA);

        PushOutcome outcome = pushWorkflow("d-old").handle(late);

        assertThat(outcome.deploymentIds()).isEmpty();
        assertThat(push.starts()).isEmpty();
        assertThat(outcome.skipped())
                .extracting(SkippedService::serviceId)
                .containsExactly("service-a", "service-b");
        assertThat(outcome.skipped())
                .allSatisfy(
                        skipped ->
                                assertThat(skipped.reason())
                                        .contains(
                                                "commit " + SHA + " is no longer the head of main")
                                        .contains("now " + NEWER));
    }

    @Test
    void olderPushSkippedThenTheNewerOneDeploysTheHead() {
        heads.push("octo/shop", "main", NEWER);
        pushWorkflow("d-old").handle(new PushEvent("github", "d-old", "octo/shop", "main", SHA));

        PushOutcome newer =
                pushWorkflow("d-new")
                        .handle(new PushEvent("github", "d-new", "octo/shop", "main", NEWER));

        assertThat(newer.deploymentIds()).hasSize(2);
        assertThat(push.starts())
                .extracting(StartDeploymentRequest::commitSha)
                .containsOnly(NEWER)
                .hasSize(2);
    }

    @Test
    void headThatMovedWhileThePushRecordedItsDeploymentsIsDeployedAfterThem() {
        heads.push("octo/shop", "main", SHA);
        // A newer push lands while this one records its deployments: both passed the head check,
        // and this one may have recorded last.
        push.whileStarting(start -> heads.push("octo/shop", "main", NEWER));

        PushOutcome outcome =
                pushWorkflow("d-5")
                        .handle(new PushEvent("github", "d-5", "octo/shop", "main", SHA));

        assertThat(push.starts())
                .extracting(StartDeploymentRequest::serviceId, StartDeploymentRequest::commitSha)
                .containsExactlyInAnyOrder(
                        tuple("service-a", SHA),
                        tuple("service-b", SHA),
                        tuple("service-a", NEWER),
                        tuple("service-b", NEWER));
        assertThat(push.starts().subList(2, 4))
                .as("the head's deployments are recorded after the push's own")
                .extracting(StartDeploymentRequest::commitSha)
                .containsOnly(NEWER);
        assertThat(outcome.deploymentIds()).hasSize(4);
        assertThat(outcome.skipped()).isEmpty();
    }

    @Test
    void branchThatKeepsMovingIsFollowedForABoundedNumberOfRounds() {
        heads.push("octo/shop", "staging", SHA);
        AtomicInteger pushes = new AtomicInteger();
        push.whileStarting(
                start ->
                        heads.push(
                                "octo/shop",
                                "staging",
                                String.format("%040x", pushes.incrementAndGet())));

        pushWorkflow("d-6").handle(new PushEvent("github", "d-6", "octo/shop", "staging", SHA));

        assertThat(push.starts()).hasSize(1 + GitPushWorkflowImpl.MAX_HEAD_FOLLOWS);
    }

    @Test
    void pushDeploysAnywayWhenTheBranchHeadCannotBeRead() {
        heads.unreachable("octo/shop");
        PushEvent event = new PushEvent("github", "d-4", "octo/shop", "main", SHA);

        PushOutcome outcome = pushWorkflow("d-4").handle(event);

        assertThat(outcome.deploymentIds())
                .containsExactly("deployment-of-service-a", "deployment-of-service-b");
        assertThat(outcome.skipped()).isEmpty();
    }

    @Test
    void redeliveredPushFindsItsWorkflowAndStartsNothingMore() {
        heads.push("octo/shop", "main", SHA);
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
