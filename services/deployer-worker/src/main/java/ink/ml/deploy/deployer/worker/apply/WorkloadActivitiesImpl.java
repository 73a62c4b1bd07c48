package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.run.ExecutionTarget;
import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.ImagePull;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.deploy.WorkloadActivities;
import ink.ml.deploy.workflow.metrics.DeployStepMeter;
import ink.ml.deploy.workflow.metrics.DeployStepMeter.Step;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workload activities of the deploy workflow, on whichever {@link ExecutionTarget} this
 * region's cluster names ({@code mcpdeploy.clusters.regions.<region>.execution-target}). Turns the
 * activity's request into the libs/k8s {@link ServiceSpec} both targets run from, so the workflows
 * stay target-agnostic and each rule on the spec's values holds on both.
 */
@ApplicationScoped
public class WorkloadActivitiesImpl implements WorkloadActivities {
    private final ExecutionTarget target;

    /** The cluster this deployer-worker serves: the home one. */
    private final Cluster cluster;

    private final RegistryAccess registryAccess;
    private final DeployStepMeter steps;
    private final Duration heartbeatEvery;

    @Inject
    WorkloadActivitiesImpl(
            Clusters clusters,
            @Any Instance<ExecutionTarget> available,
            RegistryAccess registryAccess,
            MeterRegistry meters) {
        this(
                available
                        .select(Identifier.Literal.of(clusters.home().executionTarget().id()))
                        .get(),
                clusters.home(),
                registryAccess,
                new DeployStepMeter(meters));
    }

    public WorkloadActivitiesImpl(
            ExecutionTarget target,
            Cluster cluster,
            RegistryAccess registryAccess,
            DeployStepMeter steps) {
        this(target, cluster, registryAccess, steps, BackgroundHeartbeat.EVERY);
    }

    /** With the apply's and the delete's heartbeats {@code heartbeatEvery} apart. */
    public WorkloadActivitiesImpl(
            ExecutionTarget target,
            Cluster cluster,
            RegistryAccess registryAccess,
            DeployStepMeter steps,
            Duration heartbeatEvery) {
        this.target = target;
        this.cluster = cluster;
        this.registryAccess = registryAccess;
        this.steps = steps;
        this.heartbeatEvery = heartbeatEvery;
    }

    @Override
    public void applyWorkload(ApplyWorkloadRequest request) {
        ServiceSpec spec = serviceSpec(request);
        try (BackgroundHeartbeat beating =
                BackgroundHeartbeat.start(
                        "applying deployment " + request.deploymentId(), heartbeatEvery)) {
            target.apply(spec);
        }
    }

    @Override
    public RolloutResult awaitRollout(RolloutRequest request) {
        long start = System.nanoTime();
        RolloutResult result = null;
        try {
            result =
                    target.awaitRollout(
                            ServiceRef.of(request.userId(), request.project(), request.service()),
                            DeploymentId.of(request.deploymentId()));
            return result;
        } finally {
            // A rollout that does not come up throws: a result is a rollout that succeeded.
            steps.recordSince(Step.ROLLOUT, result != null, start);
        }
    }

    @Override
    public void deleteWorkload(DeleteWorkloadRequest request) {
        ServiceRef service = ServiceRef.of(request.userId(), request.project(), request.service());
        try (BackgroundHeartbeat beating =
                BackgroundHeartbeat.start(
                        "deleting service " + request.service(), heartbeatEvery)) {
            target.delete(service, request.lastServiceOfProject());
        }
    }

    private ServiceSpec serviceSpec(ApplyWorkloadRequest request) {
        try {
            ServiceRef service =
                    ServiceRef.of(request.userId(), request.project(), request.service());
            Map<EnvVarName, String> env = new LinkedHashMap<>();
            request.env().forEach((name, value) -> env.put(EnvVarName.of(name), value));
            return new ServiceSpec(
                    service,
                    DeploymentId.of(request.deploymentId()),
                    ImageRef.parse(request.imageRef()),
                    registryAccess.isAuthenticated() ? ImagePull.PULL_SECRET : ImagePull.ANONYMOUS,
                    AppPort.of(request.port()),
                    new ResourcePlan(request.memoryMi(), request.milliCpu()),
                    cluster,
                    env);
        } catch (IllegalArgumentException invalid) {
            // The product plane validates all of this; a value that still breaks a rule will
            // break it on every retry too. Domain messages name the field, never a value.
            throw StepFailure.of(StepFailure.APPLY_REJECTED, invalid.getMessage());
        }
    }
}
