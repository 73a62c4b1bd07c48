package ink.ml.deploy.workflow.push;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One push, from any source (queue {@code default}, id {@code push-{source}-{delivery}}): find the
 * services that track the repository and branch and start a deployment of the pushed commit for
 * each. A redelivered webhook finds this workflow already there and starts nothing.
 */
@WorkflowInterface
public interface GitPushWorkflow {
    @WorkflowMethod
    PushOutcome handle(PushEvent event);
}
