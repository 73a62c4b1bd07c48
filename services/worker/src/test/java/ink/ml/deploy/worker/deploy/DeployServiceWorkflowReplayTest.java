package ink.ml.deploy.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.deploy.DeployRequest;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays a recorded history of a happy-path deployment (build output signals included) against
 * today's {@link DeployServiceWorkflowImpl}: a change that would break running deployments (new or
 * reordered activities, timers, different options) fails here. Such a change needs {@code
 * Workflow.getVersion}, or a new recording once no old deployment can still be running:
 *
 * <pre>mvn -pl services/worker test -Dtest=DeployServiceWorkflowReplayTest -DrecordHistory=true
 * </pre>
 */
class DeployServiceWorkflowReplayTest {
    /** Recorded before {@link DeployServiceWorkflowImpl#DATABASE_WRITES_AS_LOCAL_ACTIVITIES}. */
    static final String HISTORY_WITH_DISPATCHED_RECORDS = "/histories/deploy-happy-path.json";

    /** Recorded before {@link DeployServiceWorkflowImpl#BUILD_SLOTS_PER_USER}. */
    static final String HISTORY_WITHOUT_BUILD_SLOTS =
            "/histories/deploy-happy-path-local-records.json";

    /**
     * Recorded before the deploy contracts were typed: a flat plan, statuses and steps as
     * lower-case strings.
     */
    static final String HISTORY_BEFORE_TYPED_CONTRACTS =
            "/histories/deploy-happy-path-build-slot.json";

    /** The current code's history: what the recorder below writes. */
    static final String HISTORY = "/histories/deploy-happy-path-typed-contracts.json";

    @Test
    void recordedHappyPathStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(HISTORY)), DeployServiceWorkflowImpl.class);
    }

    @Test
    void aRunStartedBeforeTheTypedContractsStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(HISTORY_BEFORE_TYPED_CONTRACTS)),
                DeployServiceWorkflowImpl.class);
    }

    @Test
    void aRunStartedBeforeBuildSlotsStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(HISTORY_WITHOUT_BUILD_SLOTS)),
                DeployServiceWorkflowImpl.class);
    }

    @Test
    void aRunStartedBeforeLocalDatabaseWritesStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(read(HISTORY_WITH_DISPATCHED_RECORDS)),
                DeployServiceWorkflowImpl.class);
    }

    @Test
    @EnabledIfSystemProperty(named = "recordHistory", matches = "true")
    void recordHappyPathHistory() throws IOException {
        String deploymentId = UUID.randomUUID().toString();
        try (DeployWorkflowEnvironment temporal = new DeployWorkflowEnvironment()) {
            temporal.build
                    .emitting(List.of("#1 FROM scratch", "#2 COPY app /app"))
                    .handingOver(List.of("#3 done"));
            temporal.start();
            temporal.records.add(DeployPlans.build(deploymentId, UUID.randomUUID().toString()));
            temporal.deployWorkflow(deploymentId).deploy(new DeployRequest(deploymentId));
            String json =
                    temporal.client
                            .fetchHistory(WorkflowIds.deploy(UUID.fromString(deploymentId)))
                            .toJson(true);
            Path target = Path.of("src/test/resources" + HISTORY);
            Files.createDirectories(target.getParent());
            Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
            assertThat(temporal.records.status(deploymentId).value()).isEqualTo("active");
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = DeployServiceWorkflowReplayTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: record it (see javadoc)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
