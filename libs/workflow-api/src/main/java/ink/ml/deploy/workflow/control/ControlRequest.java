package ink.ml.deploy.workflow.control;

import java.util.Objects;

/**
 * @param userId the caller the API authenticated; the activities act in their name only, so the
 *     workflow can never touch another user's service
 * @param serviceId the service, for {@link ControlAction#DEPLOY_LATEST}; null otherwise
 * @param deploymentId the earlier or in-flight deployment, for the other actions; null otherwise
 */
public record ControlRequest(
        ControlAction action, String userId, String serviceId, String deploymentId) {
    public ControlRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(userId, "userId");
    }

    public static ControlRequest deployLatest(String userId, String serviceId) {
        return new ControlRequest(ControlAction.DEPLOY_LATEST, userId, serviceId, null);
    }

    public static ControlRequest forDeployment(
            ControlAction action, String userId, String deploymentId) {
        return new ControlRequest(action, userId, null, deploymentId);
    }
}
