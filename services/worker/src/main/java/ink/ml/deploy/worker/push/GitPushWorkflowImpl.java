package ink.ml.deploy.worker.push;

import ink.ml.deploy.workflow.push.FindTrackingServicesRequest;
import ink.ml.deploy.workflow.push.GitPushWorkflow;
import ink.ml.deploy.workflow.push.PushActivities;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import ink.ml.deploy.workflow.push.StartedDeployment;
import ink.ml.deploy.workflow.push.TrackingServices;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * One push: deploys the pushed commit on every service that tracks the repository and branch, all
 * at once (each may first wait for its service's in-flight deployment to stop). Its id, {@code
 * push-{source}-{delivery}}, makes a redelivered webhook find this workflow instead of starting
 * another.
 */
public class GitPushWorkflowImpl implements GitPushWorkflow {
    private static final Logger LOG = Workflow.getLogger(GitPushWorkflowImpl.class);

    private final PushActivities push =
            Workflow.newActivityStub(PushActivities.class, PushActivityOptions.push());

    @Override
    public PushOutcome handle(PushEvent event) {
        TrackingServices tracking =
                push.findTrackingServices(
                        new FindTrackingServicesRequest(
                                event.source(), event.repository(), event.branch()));
        List<Promise<StartedDeployment>> starts = new ArrayList<>();
        for (String serviceId : tracking.serviceIds()) {
            starts.add(
                    Async.function(
                            push::startDeployment,
                            new StartDeploymentRequest(
                                    serviceId, event.commitSha(), event.deliveryId())));
        }
        List<String> deploymentIds = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            try {
                deploymentIds.add(starts.get(i).get().deploymentId());
            } catch (ActivityFailure e) {
                if (!isFinal(e)) {
                    throw e;
                }
                // The service was deleted meanwhile, or the push names no valid commit: nothing
                // to deploy there; the other services still deploy.
                LOG.warn(
                        "push {} not deployed on service {}: {}",
                        event.deliveryId(),
                        tracking.serviceIds().get(i),
                        e.getCause().getMessage());
            }
        }
        return new PushOutcome(deploymentIds);
    }

    private static boolean isFinal(ActivityFailure e) {
        return e.getCause() instanceof ApplicationFailure app && app.isNonRetryable();
    }
}
