package ink.ml.deploy.worker.push;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.control.StandInBranchHeads;
import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.PushSource;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays recorded push histories against today's {@link GitPushWorkflowImpl}: one recorded before
 * pushes asked for the branch head (version {@code DEFAULT_VERSION} of {@link
 * GitPushWorkflowImpl#DEPLOY_ONLY_THE_BRANCH_HEAD}), which a push in flight during the upgrade
 * replays; one recorded with the check, before {@link GitPushWorkflowImpl#FOLLOW_A_MOVED_HEAD}; and
 * one recorded by today's code, where the head moves while the push starts its deployments. A
 * change that breaks any needs {@code Workflow.getVersion}. Re-recording the current one:
 *
 * <pre>mvn -pl services/worker test -Dtest=GitPushWorkflowReplayTest -DrecordHistory=true</pre>
 */
class GitPushWorkflowReplayTest {
    static final String BEFORE_HEAD_CHECK = "/histories/push-before-head-check.json";
    static final String WITH_HEAD_CHECK = "/histories/push-with-head-check.json";
    static final String FOLLOWING_THE_HEAD = "/histories/push-following-the-head.json";
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
    private static final String NEWER = "fedcba9876543210fedcba9876543210fedcba98";

    @Test
    void pushRecordedBeforeTheHeadCheckStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(BEFORE_HEAD_CHECK)),
                GitPushWorkflowImpl.class);
    }

    @Test
    void pushRecordedWithTheHeadCheckStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(WITH_HEAD_CHECK)),
                GitPushWorkflowImpl.class);
    }

    @Test
    void pushRecordedFollowingAMovedHeadStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(FOLLOWING_THE_HEAD)),
                GitPushWorkflowImpl.class);
    }

    @Test
    @EnabledIfSystemProperty(named = "recordHistory", matches = "true")
    void recordPushHistory() throws IOException {
        record(GitPushWorkflowImpl.class, FOLLOWING_THE_HEAD);
    }

    /** A push of SHA to main, during whose deployment starts main moves on to NEWER. */
    static void record(Class<?> implementation, String resource) throws IOException {
        StandInBranchHeads heads = new StandInBranchHeads();
        heads.push("octo/shop", "main", SHA);
        RecordingPushActivities push =
                new RecordingPushActivities()
                        .tracking("github", "octo/shop", "main", "service-a", "service-b")
                        .whileStarting(start -> heads.push("octo/shop", "main", NEWER));
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker(TaskQueues.DEFAULT);
            worker.registerWorkflowImplementationTypes(implementation);
            worker.registerActivitiesImplementations(push);
            env.newWorker(TaskQueues.deployer(Region.of(RecordingPushActivities.REGION)))
                    .registerActivitiesImplementations(heads);
            env.start();
            String workflowId = WorkflowIds.gitPush(PushSource.GITHUB, DeliveryId.of("d-1"));
            env.getWorkflowClient()
                    .newWorkflowStub(
                            GitPushWorkflow.class,
                            WorkflowOptions.newBuilder()
                                    .setTaskQueue(TaskQueues.DEFAULT)
                                    .setWorkflowId(workflowId)
                                    .build())
                    .handle(new PushEvent("github", "d-1", "octo/shop", "main", SHA));
            String json = env.getWorkflowClient().fetchHistory(workflowId).toJson(true);
            Path target = Path.of("src/test/resources" + resource);
            Files.createDirectories(target.getParent());
            Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
        }
        assertThat(push.starts()).hasSize(4);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GitPushWorkflowReplayTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing recorded history " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
