package ink.ml.deploy.workflow.deploy;

import io.temporal.activity.ActivityInterface;

/**
 * The cluster's Kubernetes side (queue {@code deployer-{region}}): apply a service's resources
 * idempotently, wait for its rollout, remove them. Built with libs/k8s.
 */
@ActivityInterface
public interface WorkloadActivities {
    void applyWorkload(ApplyWorkloadRequest request);

    /** Fails non-retryably with a readable reason on a deadline, pull errors or a crash loop. */
    RolloutResult awaitRollout(RolloutRequest request);

    void deleteWorkload(DeleteWorkloadRequest request);
}
