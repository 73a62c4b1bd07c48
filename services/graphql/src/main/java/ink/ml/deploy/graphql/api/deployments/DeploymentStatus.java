package ink.ml.deploy.graphql.api.deployments;

import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;

/**
 * The schema's copy of libs/domain's {@code DeploymentStatus} (same constants; a test keeps them
 * equal), so that the schema is declared in this module.
 */
@Description("Where a deployment is in its life.")
public enum DeploymentStatus {
    QUEUED,
    BUILDING,
    DEPLOYING,
    ACTIVE,
    FAILED,
    CANCELLED,
    SUPERSEDED,
    CRASHED,
    REMOVED;

    static DeploymentStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
