package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import ink.ml.deploy.platform.deployments.DeploymentView;
import java.time.Instant;

/**
 * A deployment as tools show it.
 *
 * @param status queued, building, deploying, active, failed, cancelled, superseded, crashed or
 *     removed
 * @param trigger what started it: git_push, api, rollback, …
 * @param rollbackOf the deployment whose image a rollback put back
 * @param errorStep the step that failed (clone, build, push, deploy, rollout), when it failed
 * @param errorMessage why it failed, written for the person who can fix it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentOutput(
        String id,
        String serviceId,
        String status,
        String trigger,
        String commitSha,
        String rollbackOf,
        String errorStep,
        String errorMessage,
        String createdAt,
        String finishedAt) {

    static DeploymentOutput of(DeploymentView deployment) {
        return new DeploymentOutput(
                deployment.id(),
                deployment.serviceId(),
                deployment.status(),
                deployment.trigger(),
                deployment.commitSha(),
                deployment.rollbackOf(),
                deployment.errorStep(),
                deployment.errorMessage(),
                deployment.createdAt().toString(),
                text(deployment.finishedAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
