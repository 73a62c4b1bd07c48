package ink.ml.deploy.worker.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.worker.deploy.DeployPlans;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.control.BranchSourceRequest;
import ink.ml.deploy.workflow.control.CancelDeploymentRequest;
import ink.ml.deploy.workflow.control.ControlAction;
import ink.ml.deploy.workflow.control.ControlOutcome;
import ink.ml.deploy.workflow.control.ControlRequest;
import ink.ml.deploy.workflow.control.DeploymentControlWorkflow;
import ink.ml.deploy.workflow.control.StartControlledDeploymentRequest;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import ink.ml.deploy.workflow.source.SourceActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeploymentControlWorkflowImplTest {
    private static final String USER = "u7k2m9";
    private static final String SERVICE = "8f1c2d3e-0000-4000-8000-00000000000a";
    private static final String EARLIER = "8f1c2d3e-0000-4000-8000-00000000000b";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final BranchSource SOURCE =
            new BranchSource(DeployPlans.REGION, SourceKind.GITHUB, "octo/shop", 42L, "main");

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    private final ScriptedControlActivities productPlane =
            new ScriptedControlActivities().answering(SOURCE);
    private final List<ResolveBranchHeadRequest> asked =
            Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void deployLatestAsksTheServicesClusterForTheHeadAndDeploysThatCommit() {
        start(
                request -> {
                    asked.add(request);
                    return new BranchHead(request.branch(), SHA);
                });

        ControlOutcome outcome = workflow().control(ControlRequest.deployLatest(USER, SERVICE));

        assertThat(outcome.deploymentId()).isEqualTo(ScriptedControlActivities.NEW_DEPLOYMENT);
        assertThat(asked)
                .containsExactly(
                        new ResolveBranchHeadRequest(SourceKind.GITHUB, "octo/shop", 42L, "main"));
        assertThat(productPlane.calls())
                .containsExactly(
                        new BranchSourceRequest(USER, SERVICE),
                        new StartControlledDeploymentRequest(
                                ControlAction.DEPLOY_LATEST, USER, SERVICE, null, SHA));
    }

    @Test
    void aBranchTheClusterCannotFindEndsTheRequestBeforeAnythingIsRecorded() {
        start(
                request -> {
                    throw ApplicationFailure.newNonRetryableFailure(
                            "branch main does not exist in octo/shop",
                            SourceActivities.BRANCH_NOT_FOUND);
                });

        assertThatThrownBy(() -> workflow().control(ControlRequest.deployLatest(USER, SERVICE)))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        failure ->
                                assertThat(failure.getType())
                                        .isEqualTo(SourceActivities.BRANCH_NOT_FOUND));
        assertThat(productPlane.calls()).containsExactly(new BranchSourceRequest(USER, SERVICE));
    }

    @Test
    void rollbackAndRedeployGoStraightToTheProductPlane() {
        start(
                request -> {
                    throw new AssertionError("no branch head is needed");
                });

        workflow().control(ControlRequest.forDeployment(ControlAction.ROLLBACK, USER, EARLIER));
        workflow().control(ControlRequest.forDeployment(ControlAction.REDEPLOY, USER, EARLIER));

        assertThat(productPlane.calls())
                .containsExactly(
                        new StartControlledDeploymentRequest(
                                ControlAction.ROLLBACK, USER, null, EARLIER, null),
                        new StartControlledDeploymentRequest(
                                ControlAction.REDEPLOY, USER, null, EARLIER, null));
    }

    @Test
    void cancelAnswersOnceRequestedAndAWatchThatOutlivesTheRequestAwaitsTheStop() {
        start(
                request -> {
                    throw new AssertionError("no branch head is needed");
                });
        CancelDeploymentRequest cancel = new CancelDeploymentRequest(USER, EARLIER);

        ControlOutcome answered =
                workflow()
                        .control(ControlRequest.forDeployment(ControlAction.CANCEL, USER, EARLIER));

        assertThat(answered.deploymentId()).isEqualTo(EARLIER);
        assertThat(productPlane.calls()).first().isEqualTo(cancel);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(productPlane.calls())
                                        .containsExactly(
                                                cancel,
                                                new ScriptedControlActivities.AwaitedStop(cancel)));
    }

    private void start(SourceActivities cluster) {
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(
                DeploymentControlWorkflowImpl.class, CancellationWatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(productPlane);
        env.newWorker(DeployPlans.DEPLOYER_QUEUE).registerActivitiesImplementations(cluster);
        env.start();
    }

    private DeploymentControlWorkflow workflow() {
        WorkflowClient client = env.getWorkflowClient();
        return client.newWorkflowStub(
                DeploymentControlWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .setWorkflowId("control-" + UUID.randomUUID())
                        .build());
    }
}
