package ink.ml.deploy.worker.domain;

import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.workflow.domain.CustomDomainActivities;
import ink.ml.deploy.workflow.domain.DomainResources;
import ink.ml.deploy.workflow.domain.RemoveCustomDomainWorkflow;
import io.temporal.workflow.Workflow;

/** Takes a removed domain's resources off its region's cluster; removing what is gone succeeds. */
public class RemoveCustomDomainWorkflowImpl implements RemoveCustomDomainWorkflow {
    @Override
    public void remove(DomainResources resources) {
        Workflow.newActivityStub(
                        CustomDomainActivities.class,
                        DomainActivityOptions.removal(
                                TaskQueues.deployer(Region.of(resources.region()))))
                .removeDomain(resources);
    }
}
