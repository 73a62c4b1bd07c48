package ink.ml.deploy.control;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.RateLimitedException;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.domains.DomainPlacement;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.CustomDomainWorkflow;
import ink.ml.deploy.workflow.domain.RemoveCustomDomainWorkflow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Adds, verifies and removes custom domains for the APIs (GraphQL and MCP), with the workflows that
 * look after them, so both front doors follow the same rules.
 *
 * <p>Each domain has one {@link CustomDomainWorkflow} (id {@code custom-domain-{id}}): started when
 * the domain is added, so its records are checked without the owner asking; woken (or started
 * again, once it ended) when the owner asks for verification. Removing a domain starts a {@link
 * RemoveCustomDomainWorkflow} that takes its resources off the cluster.
 *
 * <p>Ownership and the request's rules are checked by libs/platform first ({@link
 * NotFoundException} for another user's domain, without Temporal). When Temporal cannot be reached
 * the call throws {@link ControlPlaneUnavailableException} and nothing is written.
 */
@ApplicationScoped
public class CustomDomainControl {
    private static final Logger LOG = Logger.getLogger(CustomDomainControl.class);

    private final WorkflowClient client;
    private final CustomDomains domains;
    private final DeploymentControl control;

    public CustomDomainControl(
            WorkflowClient client, CustomDomains domains, DeploymentControl control) {
        this.client = client;
        this.domains = domains;
        this.control = control;
    }

    /**
     * Claims the domain for one of the caller's services and starts its workflow, which checks its
     * records until they are in place. The records to create are in the answer.
     */
    public CustomDomainView add(Caller caller, String serviceId, String domain) {
        // The claim's own refusals first (bad name, taken, not your service), without Temporal.
        CustomDomainView added = domains.add(caller, serviceId, domain);
        // Started after the row is committed: the workflow's first step reads it. When it cannot
        // start, the claim is taken back: nothing stays half-done.
        try {
            control.ensureReachable();
            WorkflowClient.start(
                    domainWorkflow(added.id())::run, new CustomDomainRequest(added.id()));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // It already looks after this domain.
        } catch (ControlPlaneUnavailableException e) {
            domains.remove(caller, added.id());
            throw e;
        } catch (RuntimeException e) {
            domains.remove(caller, added.id());
            throw ControlPlaneUnavailableException.notStarted(e);
        }
        return added;
    }

    /**
     * Asks for the domain's records to be checked now: counted against the verification rate limits
     * ({@link RateLimitedException}), then the domain's workflow is signalled, or started again if
     * it had ended (records not found in time, certificate failed, detached). Answers with the
     * records as the last check left them.
     */
    public CustomDomainView verify(Caller caller, String domainId) {
        domains.get(caller, domainId);
        control.ensureReachable();
        return QuarkusTransaction.joiningExisting()
                .call(
                        () -> {
                            CustomDomainView view = domains.requestVerification(caller, domainId);
                            try {
                                WorkflowStub.fromTyped(domainWorkflow(view.id()))
                                        .signalWithStart(
                                                "verifyNow",
                                                new Object[0],
                                                new Object[] {new CustomDomainRequest(view.id())});
                            } catch (RuntimeException e) {
                                throw ControlPlaneUnavailableException.notStarted(e);
                            }
                            return view;
                        });
    }

    /**
     * Releases the domain (the name is free again) and starts taking its resources off its cluster,
     * in one transaction: when the removal cannot be started the domain stays as it was. The
     * domain's own workflow is cancelled; had it still been asking the cluster for something, it
     * takes that back too. Returns the domain as it was.
     */
    public CustomDomainView remove(Caller caller, String domainId) {
        CustomDomainView domain = domains.get(caller, domainId);
        control.ensureReachable();
        QuarkusTransaction.joiningExisting()
                .run(
                        () -> {
                            DomainPlacement placement = domains.remove(caller, domainId);
                            startRemoval(placement);
                        });
        cancelDomainWorkflow(domain.id());
        return domain;
    }

    private void startRemoval(DomainPlacement placement) {
        RemoveCustomDomainWorkflow removal =
                client.newWorkflowStub(
                        RemoveCustomDomainWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.removeCustomDomain(placement.id()))
                                .setTaskQueue(TaskQueues.DEFAULT)
                                .build());
        try {
            WorkflowClient.start(removal::remove, DomainResourcesMapping.of(placement));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Its resources are already being taken away.
        } catch (RuntimeException e) {
            throw ControlPlaneUnavailableException.notStarted(e);
        }
    }

    /**
     * Best effort: a run that is not cancelled finds its row gone at its next step and ends by
     * itself, taking back what it asked the cluster for.
     */
    private void cancelDomainWorkflow(String domainId) {
        try {
            client.newUntypedWorkflowStub(WorkflowIds.customDomain(UUID.fromString(domainId)))
                    .cancel();
        } catch (RuntimeException e) {
            LOG.debugf("custom domain %s: no workflow to cancel (%s)", domainId, e.getMessage());
        }
    }

    private CustomDomainWorkflow domainWorkflow(String domainId) {
        return client.newWorkflowStub(
                CustomDomainWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.customDomain(UUID.fromString(domainId)))
                        .setTaskQueue(TaskQueues.DEFAULT)
                        .build());
    }
}
