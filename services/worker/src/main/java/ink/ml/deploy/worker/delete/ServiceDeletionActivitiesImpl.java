package ink.ml.deploy.worker.delete;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.services.RetiredService;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.worker.deploy.InFlightDeployments;
import ink.ml.deploy.worker.deploy.RecordFailures;
import ink.ml.deploy.workflow.delete.CancelInFlightRequest;
import ink.ml.deploy.workflow.delete.CancelInFlightResult;
import ink.ml.deploy.workflow.delete.DeletionTarget;
import ink.ml.deploy.workflow.delete.MarkWorkloadRemovedRequest;
import ink.ml.deploy.workflow.delete.RetireServiceRequest;
import ink.ml.deploy.workflow.delete.ServiceDeletionActivities;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.temporal.activity.Activity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** The delete workflow's product-plane side, over libs/platform. Every method is idempotent. */
@ApplicationScoped
public class ServiceDeletionActivitiesImpl implements ServiceDeletionActivities {
    private final Services services;
    private final DeploymentRecords records;
    private final InFlightDeployments inFlight;
    private final CustomDomains domains;

    public ServiceDeletionActivitiesImpl(
            Services services,
            DeploymentRecords records,
            InFlightDeployments inFlight,
            CustomDomains domains) {
        this.services = services;
        this.records = records;
        this.inFlight = inFlight;
        this.domains = domains;
    }

    @Override
    public DeletionTarget retireService(RetireServiceRequest request) {
        UUID serviceId = serviceId(request.serviceId());
        RetiredService retired;
        try {
            retired = services.retire(serviceId);
        } catch (NotFoundException e) {
            throw RecordFailures.notFound("service", serviceId.toString());
        }
        return new DeletionTarget(
                serviceId.toString(),
                retired.ref().user().value(),
                retired.ref().project().value(),
                retired.ref().service().value(),
                retired.region().id(),
                retired.lastOfProject());
    }

    @Override
    public CancelInFlightResult cancelInFlightDeployment(CancelInFlightRequest request) {
        Optional<UUID> cancelled =
                inFlight.cancelAndAwait(
                        serviceId(request.serviceId()),
                        () -> Activity.getExecutionContext().heartbeat(null));
        return new CancelInFlightResult(cancelled.map(UUID::toString).orElse(null));
    }

    @Override
    public void markWorkloadRemoved(MarkWorkloadRemovedRequest request) {
        // The domains' cluster resources went with the workload; their names are free again, and
        // their workflows find their rows gone and end.
        domains.releaseServiceDomains(serviceId(request.serviceId()));
        Optional<DeploymentView> live = records.liveOf(serviceId(request.serviceId()));
        if (live.isEmpty()) {
            return;
        }
        UUID deploymentId = UUID.fromString(live.get().id());
        try {
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                records.transition(
                                        deploymentId,
                                        DeploymentStatus.REMOVED,
                                        Optional.empty(),
                                        Optional.empty());
                                records.appendEvent(
                                        deploymentId,
                                        DeploymentStep.DELETE,
                                        EventStatus.INFO,
                                        "The service was deleted and its workload removed");
                            });
        } catch (IllegalStatusTransitionException e) {
            // Removed by an earlier attempt of this activity.
        }
    }

    private static UUID serviceId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RecordFailures.invalid(e);
        }
    }
}
