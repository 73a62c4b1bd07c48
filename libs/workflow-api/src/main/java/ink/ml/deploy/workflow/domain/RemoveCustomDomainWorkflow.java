package ink.ml.deploy.workflow.domain;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Takes a removed domain's resources away from its cluster, both phases' (queue {@code default}, id
 * {@code remove-custom-domain-{domainId}}). Started by the removal itself, with what names the
 * resources, because the domain's row is gone by then. Idempotent: removing what is gone succeeds.
 */
@WorkflowInterface
public interface RemoveCustomDomainWorkflow {
    @WorkflowMethod
    void remove(DomainResources resources);
}
