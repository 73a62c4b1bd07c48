package ink.ml.deploy.control;

import ink.ml.deploy.platform.deployments.DeploymentView;

/**
 * What became of a new service's first deployment. Each front door shows it in its own words; what
 * happened is decided once, by {@link ServiceCreation}.
 */
public sealed interface FirstDeployment {

    /** The deployment was recorded and runs: follow it. */
    record Started(DeploymentView deployment) implements FirstDeployment {}

    /** The caller asked for the service only. */
    record NotAsked() implements FirstDeployment {}

    /**
     * The service was created but its branch could not be deployed (it has no commit yet, the
     * repository cannot be read). A push to the branch, or fixing the named field and deploying,
     * deploys it.
     *
     * @param field the field the refusal names, e.g. {@code branch}
     * @param reason why, written for the user
     */
    record Refused(String field, String reason) implements FirstDeployment {}

    /**
     * Temporal accepted the deployment but it had not finished when the answer was due: it may
     * still appear among the service's deployments.
     *
     * @param reason what to do, written for the user
     */
    record StillRunning(String reason) implements FirstDeployment {}
}
