package ink.ml.deploy.deployer.worker.run;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.workflow.deploy.RolloutResult;

/**
 * Where a region's customer workloads run: a Kubernetes cluster (k3s, through fabric8) or one
 * machine's Docker engine under gVisor. Both take the same {@link ServiceSpec} that libs/k8s builds
 * from, so each of the seed's rules has one home and the workflows never know which target runs.
 *
 * <p>Every method is safe to retry: apply converges on the spec, waiting only reads, and deleting
 * what is already gone succeeds. Failures a retry cannot fix are thrown as non-retryable {@link
 * ink.ml.deploy.workflow.StepFailure}s whose message a user can act on; variable values never
 * appear in a message or a log line.
 */
public interface ExecutionTarget {

    /** Makes the deployment's workload exist (started, not necessarily ready yet). */
    void apply(ServiceSpec spec);

    /**
     * Waits until the deployment serves its service's traffic, or fails with a diagnosis (exit
     * code, last log lines, OOM, missing image, a port that never opened, the deadline).
     */
    RolloutResult awaitRollout(ServiceRef service, DeploymentId deployment);

    /**
     * Removes the service's workload and routes; the project's namespace or network too when last.
     */
    void delete(ServiceRef service, boolean lastServiceOfProject);

    /** What a person is told about this target, e.g. in the start-up log. */
    String description();
}
