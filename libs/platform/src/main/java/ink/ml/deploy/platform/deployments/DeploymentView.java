package ink.ml.deploy.platform.deployments;

import java.time.Instant;

/**
 * What the APIs show of a deployment. Never the variables. Optional parts are {@code null} when
 * absent (no image yet, no error, not finished).
 *
 * @param status a {@code DeploymentStatus} value, e.g. {@code building}
 * @param trigger a {@link DeploymentTrigger} value, e.g. {@code git_push}
 */
public record DeploymentView(
        String id,
        String serviceId,
        String status,
        String trigger,
        String commitSha,
        String imageRef,
        String rollbackOf,
        String errorStep,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {
    static DeploymentView of(Deployment deployment) {
        return new DeploymentView(
                deployment.id.toString(),
                deployment.serviceId.toString(),
                deployment.status,
                deployment.trigger,
                deployment.commitSha,
                deployment.imageRef,
                deployment.rollbackOf == null ? null : deployment.rollbackOf.toString(),
                deployment.errorStep,
                deployment.errorMessage,
                deployment.createdAt,
                deployment.updatedAt,
                deployment.finishedAt);
    }
}
