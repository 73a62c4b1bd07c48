package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.services.Services;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Which deployments a rollback can put back, and the one it puts back when none is named: the one
 * rule every front door follows.
 *
 * <p>A rollback target is a deployment of the caller's live service that produced an image and ran
 * with it: it was live at some point (active or crashed, and later superseded or removed). A
 * deployment that failed or was cancelled after its build never served anyone, so putting its image
 * back would be a guess, not a return to something that worked. Without a named target, a rollback
 * goes to the newest target that is not live now: one step back from what serves.
 */
@ApplicationScoped
public class RollbackTargets {
    /** Targets that are not serving now: what a rollback without a named target chooses from. */
    private static final List<String> EARLIER =
            Arrays.stream(DeploymentStatus.values())
                    .filter(status -> ran(status) && !status.isLive())
                    .map(DeploymentStatus::value)
                    .toList();

    private final Services services;
    private final Deployments deployments;

    public RollbackTargets(Services services, Deployments deployments) {
        this.services = services;
        this.deployments = deployments;
    }

    /** The deployment once served traffic: it went live, whatever happened to it afterwards. */
    static boolean ran(DeploymentStatus status) {
        return status.isLive()
                || status == DeploymentStatus.SUPERSEDED
                || status == DeploymentStatus.REMOVED;
    }

    /**
     * Refuses, with a reason the user can act on, a deployment a rollback cannot put back.
     * Ownership is the caller's to check first.
     */
    static void requireTarget(Deployment earlier) {
        if (earlier.imageRef == null) {
            throw new ConflictException(
                    "deploymentId",
                    "deployment "
                            + earlier.id
                            + " never produced an image (it is "
                            + earlier.status
                            + "), so there is nothing to roll back to; pick a deployment that"
                            + " was built");
        }
        if (!ran(earlier.status())) {
            throw new ConflictException(
                    "deploymentId",
                    "deployment "
                            + earlier.id
                            + " never went live (it is "
                            + earlier.status
                            + "), so its image never served anyone; pick a deployment that was"
                            + " active, or redeploy this one to build and start it again");
        }
    }

    /**
     * The deployment a rollback of the caller's service goes to: {@code deploymentId} when given
     * (it must be a target and of that service, else "not found" like any id that is not there),
     * otherwise the newest target that is not live now.
     *
     * @throws ConflictException {@code deploymentId} when the named deployment cannot be put back,
     *     or none was named and the service has no earlier deployment that ran
     */
    @Transactional
    public DeploymentView of(Caller caller, String serviceId, String deploymentId) {
        UUID service = services.owned(caller, Ids.parse("serviceId", serviceId)).id;
        if (deploymentId == null) {
            return previous(service);
        }
        DeploymentView named = deployments.rollbackTarget(caller, deploymentId);
        if (!named.serviceId().equals(service.toString())) {
            throw new NotFoundException("deployment", deploymentId + " of service " + serviceId);
        }
        return named;
    }

    private static DeploymentView previous(UUID serviceId) {
        return Deployment.<Deployment>find(
                        "serviceId = ?1 and imageRef is not null and status in ?2"
                                + " order by createdAt desc, id desc",
                        serviceId,
                        EARLIER)
                .firstResultOptional()
                .map(DeploymentView::of)
                .orElseThrow(
                        () ->
                                new ConflictException(
                                        "deploymentId",
                                        "this service has no earlier deployment that ran, so"
                                                + " there is nothing to roll back to"));
    }
}
