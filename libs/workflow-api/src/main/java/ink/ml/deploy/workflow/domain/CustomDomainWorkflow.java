package ink.ml.deploy.workflow.domain;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One custom domain's life (queue {@code default}, id {@code custom-domain-{domainId}}, see {@code
 * WorkflowIds.customDomain}): wait for its TXT and CNAME records, then phase 1 (the certificate),
 * the bounded wait until it is issued, phase 2 (the TLS route), active; afterwards the records are
 * checked again on a schedule, and a domain whose records went away is flagged, then detached after
 * a grace period. It ends when the domain is removed or detached.
 *
 * <p>Database work runs on {@code default}; the cluster's part through {@link
 * CustomDomainActivities} on the region's deployer queue.
 */
@WorkflowInterface
public interface CustomDomainWorkflow {
    @WorkflowMethod
    void run(CustomDomainRequest request);

    /** The owner asked for a check now ({@code verifyCustomDomain}): the next check is at once. */
    @SignalMethod
    void verifyNow();
}
