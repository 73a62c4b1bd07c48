package ink.ml.deploy.workflow.runtime;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Records what an execution target saw a live deployment doing (queue {@code default}, id {@link
 * ink.ml.deploy.workflow.WorkflowIds#runtimeStatus}): a crash loop makes it crashed, its recovery
 * active again. Started by the deployer-worker, which has no database.
 */
@WorkflowInterface
public interface RuntimeStatusWorkflow {
    @WorkflowMethod
    RuntimeStatusOutcome record(RuntimeStatusReport report);
}
