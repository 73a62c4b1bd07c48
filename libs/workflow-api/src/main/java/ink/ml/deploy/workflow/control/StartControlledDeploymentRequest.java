package ink.ml.deploy.workflow.control;

/**
 * @param action {@link ControlAction#DEPLOY_LATEST}, {@link ControlAction#REDEPLOY} or {@link
 *     ControlAction#ROLLBACK}
 * @param serviceId the service, for DEPLOY_LATEST
 * @param deploymentId the earlier deployment, for REDEPLOY and ROLLBACK
 * @param commitSha the branch head resolved by the deployer, for DEPLOY_LATEST
 */
public record StartControlledDeploymentRequest(
        ControlAction action,
        String userId,
        String serviceId,
        String deploymentId,
        String commitSha) {}
