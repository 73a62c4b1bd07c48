package ink.ml.deploy.workflow.control;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One deployment request from the APIs (GraphQL, MCP) on queue {@code default}, id {@code
 * control-{requestId}}: deploy a branch's newest commit, redeploy or roll back to an earlier
 * deployment, or cancel one. The API records nothing itself: every write happens in this workflow's
 * activities, so a request that never reached Temporal leaves no row behind. A new deployment takes
 * the same latest-wins path as a git push (the in-flight one is cancelled and has stopped first). A
 * cancellation answers once it is requested and recorded; a {@link CancellationWatchWorkflow} sees
 * the stop through.
 */
@WorkflowInterface
public interface DeploymentControlWorkflow {
    @WorkflowMethod
    ControlOutcome control(ControlRequest request);
}
