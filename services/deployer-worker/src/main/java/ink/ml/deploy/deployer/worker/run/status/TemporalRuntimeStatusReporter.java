package ink.ml.deploy.deployer.worker.run.status;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.runtime.RuntimeCondition;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import ink.ml.deploy.workflow.runtime.RuntimeStatusWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Hands each runtime report to the product plane as a {@link RuntimeStatusWorkflow} on queue {@code
 * default}, where the worker (which owns the database) records it. This worker has no database; it
 * only starts the workflow and does not wait for it.
 *
 * <p>The workflow id names the report ({@link WorkflowIds#runtimeStatus}) and is never reused, so
 * sending the same report twice starts one workflow; the second start is logged at debug and
 * returns normally. Any other failure to start (Temporal unreachable) is thrown, so the caller can
 * report again at its next observation.
 */
@ApplicationScoped
public class TemporalRuntimeStatusReporter implements RuntimeStatusReporter {
    /**
     * Longest life of one report's workflow: past the activity's own deadline (10 minutes), so a
     * report ends by its activity's verdict, not by this timeout, and never lingers.
     */
    static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(15);

    private static final Logger LOG = Logger.getLogger(TemporalRuntimeStatusReporter.class);

    private final WorkflowClient client;
    private final Clock clock;

    @Inject
    public TemporalRuntimeStatusReporter(WorkflowClient client) {
        this(client, Clock.systemUTC());
    }

    TemporalRuntimeStatusReporter(WorkflowClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void report(DeploymentId deployment, RuntimeState state, String reason) {
        report(
                new RuntimeStatusReport(
                        deployment.value(),
                        conditionOf(state),
                        reason,
                        // Milliseconds: the workflow id carries them, and a resent report must
                        // name the same workflow.
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Starts the workflow of one report, observed at the time it carries. */
    public void report(RuntimeStatusReport report) {
        String workflowId = WorkflowIds.runtimeStatus(report);
        RuntimeStatusWorkflow workflow =
                client.newWorkflowStub(
                        RuntimeStatusWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .setWorkflowId(workflowId)
                                // A closed report's id stays taken: a late resend does not run
                                // it a second time.
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy
                                                .WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                                .setWorkflowExecutionTimeout(WORKFLOW_TIMEOUT)
                                .build());
        try {
            WorkflowClient.start(workflow::record, report);
            LOG.debugf(
                    "Reported deployment %s as %s (%s)",
                    report.deploymentId(), report.condition(), workflowId);
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.debugf("Report %s was already sent; nothing to do", workflowId);
        }
    }

    /** The one mapping of this worker's runtime states onto the contract's. */
    static RuntimeCondition conditionOf(RuntimeState state) {
        return switch (state) {
            case RUNNING -> RuntimeCondition.RUNNING;
            case CRASHED -> RuntimeCondition.CRASHED;
        };
    }
}
