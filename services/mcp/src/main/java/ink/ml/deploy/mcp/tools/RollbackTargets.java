package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.pagination.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Which deployment of a service to roll back to or redeploy: the one named, which must be of that
 * service, or for a rollback without one, the newest earlier deployment that reached the cluster
 * with an image and is not the one serving now.
 */
@ApplicationScoped
class RollbackTargets {
    /** Deployments that ran with their image at some point. */
    private static final Set<String> RAN =
            Set.of(
                    DeploymentStatus.ACTIVE.value(),
                    DeploymentStatus.CRASHED.value(),
                    DeploymentStatus.SUPERSEDED.value());

    private final Deployments deployments;

    RollbackTargets(Deployments deployments) {
        this.deployments = deployments;
    }

    /** The caller's deployment {@code deploymentId}, refused as not found unless of the service. */
    DeploymentView ofService(Caller caller, String serviceId, String deploymentId) {
        DeploymentView deployment = deployments.get(caller, deploymentId);
        if (!deployment.serviceId().equals(serviceId)) {
            throw new NotFoundException("deployment", deploymentId + " of service " + serviceId);
        }
        return deployment;
    }

    /** The deployment before the live one that can be put back. */
    DeploymentView previous(Caller caller, String serviceId) {
        List<DeploymentView> recent =
                deployments
                        .list(caller, serviceId, PageRequest.of(PageRequest.MAX_SIZE, null))
                        .items();
        String live =
                recent.stream()
                        .filter(
                                d ->
                                        d.status().equals(DeploymentStatus.ACTIVE.value())
                                                || d.status()
                                                        .equals(DeploymentStatus.CRASHED.value()))
                        .map(DeploymentView::id)
                        .findFirst()
                        .orElse(null);
        return recent.stream()
                .filter(d -> !d.id().equals(live))
                .filter(d -> d.imageRef() != null && RAN.contains(d.status()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new ConflictException(
                                        "deploymentId",
                                        "this service has no earlier deployment that ran, so"
                                                + " there is nothing to roll back to"));
    }
}
