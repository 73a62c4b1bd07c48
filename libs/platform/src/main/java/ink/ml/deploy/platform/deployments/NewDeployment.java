package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to deploy a commit of a service. Rollbacks are not made this way: they reuse an earlier
 * deployment, see {@link Deployments#rollback}.
 *
 * @param serviceId the service to deploy
 * @param trigger {@link DeploymentTrigger#API} or {@link DeploymentTrigger#GIT_PUSH}
 * @param commitSha the exact commit to build
 */
public record NewDeployment(UUID serviceId, DeploymentTrigger trigger, GitSha commitSha) {
    public NewDeployment {
        if (serviceId == null) {
            throw new InvalidValueException("serviceId", "must not be empty");
        }
        Objects.requireNonNull(trigger, "trigger");
        if (trigger == DeploymentTrigger.ROLLBACK) {
            throw new InvalidValueException(
                    "trigger", "a rollback is made from an earlier deployment, not from a commit");
        }
        if (commitSha == null) {
            throw new InvalidValueException("commitSha", "must not be empty");
        }
    }

    /** Someone asked for this commit through GraphQL or MCP. */
    public static NewDeployment api(UUID serviceId, GitSha commitSha) {
        return new NewDeployment(serviceId, DeploymentTrigger.API, commitSha);
    }

    /** A push to the tracked branch. */
    public static NewDeployment gitPush(UUID serviceId, GitSha commitSha) {
        return new NewDeployment(serviceId, DeploymentTrigger.GIT_PUSH, commitSha);
    }
}
