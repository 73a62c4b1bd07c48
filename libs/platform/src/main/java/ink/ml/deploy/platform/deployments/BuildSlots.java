package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How many builds one user runs at a time. A build holds a slot exactly while its deployment is
 * {@code building}: it takes one by moving there from {@code queued} here, and frees it by leaving
 * (deploying, failed, cancelled), however the build ended and whoever recorded the end. Nothing
 * else is stored, so a worker that dies mid-build leaks no slot beyond the deployment it left
 * building. System only: the deploy workflow's activities call it.
 */
@ApplicationScoped
public class BuildSlots {
    private final EntityManager entityManager;
    private final DeploymentRecords records;

    public BuildSlots(EntityManager entityManager, DeploymentRecords records) {
        this.entityManager = entityManager;
        this.records = records;
    }

    /**
     * Moves a queued deployment to {@code building}, with its event, if its user runs fewer than
     * {@code limit} builds; otherwise leaves it queued and says how many run. Atomic per user: the
     * user's row is locked ({@code SELECT … FOR UPDATE}) until the transaction ends, so two claims
     * of one user never both see the last free slot. A deployment already building holds its slot
     * (a retried claim).
     *
     * @throws IllegalStatusTransitionException when the deployment is neither queued nor building
     *     (it was cancelled meanwhile)
     */
    @Transactional
    public BuildSlotClaim claim(UUID deploymentId, int limit, DeploymentStep step, String message) {
        if (limit < 1) {
            throw new InvalidValueException("limit", "at least one build per user");
        }
        String userId = lockUserOf(deploymentId);
        // Read under the lock: a cancellation recorded just before must not be overwritten.
        Deployment deployment =
                entityManager.find(Deployment.class, deploymentId, LockModeType.PESSIMISTIC_WRITE);
        int running = runningBuilds(userId);
        if (deployment.status() == DeploymentStatus.BUILDING) {
            return new BuildSlotClaim(true, running, limit);
        }
        if (running >= limit && deployment.status() == DeploymentStatus.QUEUED) {
            return new BuildSlotClaim(false, running, limit);
        }
        records.transition(
                deploymentId, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.appendEvent(deploymentId, step, EventStatus.STARTED, message);
        return new BuildSlotClaim(true, running + 1, limit);
    }

    /** The user whose deployment it is, with that user's row locked for the transaction. */
    private String lockUserOf(UUID deploymentId) {
        List<?> users =
                entityManager
                        .createNativeQuery(
                                "select u.id from deployments d"
                                        + " join services s on s.id = d.service_id"
                                        + " join projects p on p.id = s.project_id"
                                        + " join users u on u.id = p.user_id"
                                        + " where d.id = :deployment"
                                        + " for update of u")
                        .setParameter("deployment", deploymentId)
                        .getResultList();
        if (users.isEmpty()) {
            throw new NotFoundException("deployment", deploymentId.toString());
        }
        return (String) users.get(0);
    }

    private int runningBuilds(String userId) {
        Number running =
                (Number)
                        entityManager
                                .createNativeQuery(
                                        "select count(*) from deployments d"
                                                + " join services s on s.id = d.service_id"
                                                + " join projects p on p.id = s.project_id"
                                                + " where p.user_id = :user and d.status = 'building'")
                                .setParameter("user", userId)
                                .getSingleResult();
        return running.intValue();
    }
}
