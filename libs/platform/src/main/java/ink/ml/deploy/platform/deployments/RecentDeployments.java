package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import java.util.List;
import java.util.Optional;

/**
 * A service's recent deployments, newest first, and what they say about it: which one serves now
 * and the newest failure. The rules for "live" and "error" that every front door shows.
 */
public record RecentDeployments(List<DeploymentView> newestFirst) {
    public RecentDeployments {
        newestFirst = List.copyOf(newestFirst);
    }

    /** The newest deployment, whatever its status. */
    public Optional<DeploymentView> latest() {
        return newestFirst.stream().findFirst();
    }

    /** The deployment whose pods serve the service now ({@link DeploymentStatus#isLive()}). */
    public Optional<DeploymentView> live() {
        return newestFirst.stream().filter(RecentDeployments::isLive).findFirst();
    }

    /**
     * The newest deployment that ended in an error: it carries the step that failed and the reason,
     * whatever came after it.
     */
    public Optional<DeploymentView> lastError() {
        return newestFirst.stream().filter(RecentDeployments::isError).findFirst();
    }

    static boolean isLive(DeploymentView deployment) {
        return DeploymentStatus.fromValue(deployment.status()).isLive();
    }

    static boolean isError(DeploymentView deployment) {
        return deployment.errorMessage() != null;
    }
}
